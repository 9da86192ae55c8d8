/**
 * Signed access to published extracts (README "Governance"): a portal signs
 * (audience, parameters, expiry) with HMAC-SHA-256 under a key it shares with this server,
 * never with the page; the server serves the audience's extract only for a valid,
 * unexpired signature. The signed message is plain lines, easy to build in any language:
 *
 *   v1\n<audience>\n<expires, Unix seconds>\n<name>=<value>\n…   (parameters sorted by name)
 *
 * Names are lower-case SQL names and values may hold no control characters, so the
 * message cannot be read two ways.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const NAME = /^[a-z][a-z0-9-]{0,62}$/;
const PARAM = /^[a-z_][a-z0-9_]*$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The text that is signed. Throws on names or values that are not allowed. */
export function signedMessage({ audience, parameters = {}, expires }) {
  if (!NAME.test(audience)) throw new Error('bad audience name');
  if (!Number.isSafeInteger(expires)) throw new Error('expires must be Unix seconds');
  const lines = ['v1', audience, String(expires)];
  for (const name of Object.keys(parameters).sort()) {
    const value = parameters[name];
    if (!PARAM.test(name) || typeof value !== 'string' || CONTROL.test(value)) throw new Error('bad parameter');
    lines.push(`${name}=${value}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The hex HMAC-SHA-256 of the message under `key`. */
export function signExtract(request, key) {
  return createHmac('sha256', key).update(signedMessage(request), 'utf8').digest('hex');
}

/** The query string for the embed and for /extract: audience, exp, p.<name>…, sig. */
export function signedQuery(request, key) {
  const q = new URLSearchParams({ audience: request.audience, exp: String(request.expires) });
  for (const [name, value] of Object.entries(request.parameters ?? {})) q.set(`p.${name}`, value);
  q.set('sig', signExtract(request, key));
  return q.toString();
}

/**
 * Checks a request's query (URLSearchParams) against the keys (any of them signs: the way
 * keys rotate). Names other than audience, exp, sig and p.* are not signed and select
 * nothing (the embed page's own, such as charts). Returns { ok: true, request } or { ok: false, outcome, request? } where
 * outcome is `unsigned`, `malformed`, `bad signature` or `expired` — expiry is only
 * judged on a valid signature, so a tampered expiry is a bad signature.
 */
export function verifyExtractQuery(query, keys, nowSeconds = Math.floor(Date.now() / 1000)) {
  const audience = query.get('audience') ?? '';
  const sig = query.get('sig');
  const exp = query.get('exp');
  const parameters = {};
  for (const [name, value] of query) if (name.startsWith('p.')) parameters[name.slice(2)] = value;
  const seen = { audience, parameters, expires: exp };
  if (!sig || !exp) return { ok: false, outcome: 'unsigned', request: seen };
  if (query.getAll('sig').length > 1 || query.getAll('exp').length > 1 || query.getAll('audience').length > 1) return { ok: false, outcome: 'malformed', request: seen };
  if (!/^\d{1,12}$/.test(exp) || !/^[0-9a-f]{64}$/.test(sig)) return { ok: false, outcome: 'malformed', request: seen };
  const request = { audience, parameters, expires: Number(exp) };
  let message;
  try {
    message = signedMessage(request);
  } catch {
    return { ok: false, outcome: 'malformed', request: seen };
  }
  const given = Buffer.from(sig, 'hex');
  const valid = keys.some((key) => timingSafeEqual(createHmac('sha256', key).update(message, 'utf8').digest(), given));
  if (!valid) return { ok: false, outcome: 'bad signature', request };
  if (request.expires <= nowSeconds) return { ok: false, outcome: 'expired', request };
  return { ok: true, request };
}

/**
 * The signing keys, from LAKEHOUSE_SIGNING_KEYS (comma-separated; during a rotation both
 * the new and the old key). A key has at least 32 characters (use 32 random bytes as hex).
 */
export function readSigningKeys(env = process.env) {
  const keys = (env.LAKEHOUSE_SIGNING_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  for (const key of keys) if (key.length < 32) throw new Error('LAKEHOUSE_SIGNING_KEYS: every key needs at least 32 characters (e.g. `openssl rand -hex 32`)');
  return keys;
}
