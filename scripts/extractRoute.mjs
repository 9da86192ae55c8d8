/**
 * `GET /extract?audience=…&exp=…&p.<name>=…&sig=…`: an audience's published extract (a zip
 * written by `npm run publish`) for a validly signed, unexpired request, else 403. Every
 * request, served or refused, is appended to the audit log as one JSON line: time,
 * audience, parameters, expiry, outcome, status, bytes, policy version, client address.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { verifyExtractQuery } from './signedExtract.mjs';

const sameParameters = (a, b) => {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};

/** The middleware; `published` is the publish folder, `keys` the signing keys, `auditLog` the log file. */
export function extractRoute({ published, keys, auditLog }) {
  if (auditLog) mkdirSync(dirname(auditLog), { recursive: true });
  const audit = (req, entry) => {
    // Behind nginx the socket is nginx's: its X-Forwarded-For (deploy/nginx) is logged beside it.
    const forwarded = req.headers['x-forwarded-for'];
    const line = { time: new Date().toISOString(), ...entry, client: req.socket.remoteAddress ?? '', ...(forwarded ? { forwardedFor: String(forwarded).slice(0, 200) } : {}) };
    if (auditLog) appendFileSync(auditLog, `${JSON.stringify(line)}\n`);
    if (entry.status !== 200) console.warn(`extract refused (${entry.status} ${entry.outcome}): audience ${JSON.stringify(entry.audience)}`);
  };
  const refuse = (req, res, status, outcome, request, policyVersion) => {
    audit(req, { audience: request?.audience ?? '', parameters: request?.parameters ?? {}, expires: request?.expires ?? null, outcome, status, bytes: 0, policyVersion });
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(status === 403 ? `not allowed: ${outcome}\n` : `${outcome}\n`);
  };

  return (req, res, next) => {
    if (req.url.split(/[?#]/, 1)[0] !== '/extract') return next();
    const query = new URL(req.url, 'http://localhost').searchParams;
    if (!published || keys.length === 0) return refuse(req, res, 403, 'signed access is not set up on this server', undefined);
    const check = verifyExtractQuery(query, keys);
    if (!check.ok) return refuse(req, res, 403, check.outcome, check.request);
    let publication;
    try {
      publication = JSON.parse(readFileSync(join(published, 'publication.json'), 'utf8'));
    } catch {
      return refuse(req, res, 404, 'nothing is published', check.request);
    }
    const { audience, parameters } = check.request;
    const extract = publication.extracts.find((e) => e.audience === audience && sameParameters(e.parameters, parameters));
    if (!extract) return refuse(req, res, 404, 'no extract for this audience and parameters', check.request, publication.policyVersion);
    const file = resolve(published, extract.file);
    if (!file.startsWith(resolve(published) + sep)) return refuse(req, res, 404, 'no extract for this audience and parameters', check.request, publication.policyVersion);
    const body = readFileSync(file);
    audit(req, { audience, parameters, expires: check.request.expires, outcome: 'served', status: 200, bytes: req.method === 'HEAD' ? 0 : body.length, policyVersion: publication.policyVersion });
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Length', body.length);
    // An extract is for the one signed request: no cache may keep it for another.
    res.setHeader('Cache-Control', 'no-store');
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
