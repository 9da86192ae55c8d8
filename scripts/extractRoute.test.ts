/**
 * Signed access to published extracts (scripts/extractRoute.mjs): served only for a
 * valid, unexpired HMAC over audience, parameters and expiry; unsigned, tampered and
 * expired requests get 403; every request is in the audit log; keys rotate; the README's
 * Node and Python signing snippets (deploy/portal/) produce URLs the server accepts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedEmbedUrl } from '../deploy/portal/signExtract.mjs';
import { createAppServer } from './appServer.mjs';
import { makeServedFolder, rawRequest, type ServedFolder } from './serveTestSupport';
import { signedQuery, verifyExtractQuery } from './signedExtract.mjs';

const OLD_KEY = 'old-key-0123456789abcdef0123456789abcdef';
const NEW_KEY = 'new-key-fedcba9876543210fedcba9876543210';
const EXTRACTS = { 'south-east/all.zip': Buffer.from('zip of south-east'), 'partner/s1.zip': Buffer.from('zip of partner s1'), 'partner/s2.zip': Buffer.from('zip of partner s2') };

let folder: ServedFolder;
let published: string;
let auditLog: string;
const servers: Server[] = [];

async function start(keys: string[]): Promise<number> {
  const server = createAppServer({ root: folder.root, extracts: { published, keys, auditLog } });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}
const now = () => Math.floor(Date.now() / 1000);
const audit = () => readFileSync(auditLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

beforeAll(async () => {
  folder = await makeServedFolder();
  published = join(folder.parent, 'published');
  auditLog = join(folder.parent, 'logs', 'audit.log');
  for (const [file, bytes] of Object.entries(EXTRACTS)) {
    mkdirSync(join(published, 'extracts', file.split('/')[0]!), { recursive: true });
    writeFileSync(join(published, 'extracts', file), bytes);
  }
  const extract = (audience: string, parameters: Record<string, string>, file: string) => ({ audience, parameters, file: `extracts/${file}`, bytes: 0, sha256: '', tables: [] });
  writeFileSync(
    join(published, 'publication.json'),
    JSON.stringify({ policyVersion: 'v7', extracts: [extract('south-east', {}, 'south-east/all.zip'), extract('partner', { seller: 's1' }, 'partner/s1.zip'), extract('partner', { seller: 's2' }, 'partner/s2.zip')] }),
  );
});
afterAll(async () => {
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
  rmSync(folder.parent, { recursive: true, force: true });
});

describe('GET /extract', () => {
  it('serves the signed audience its extract, and only for the signed parameters', async () => {
    const port = await start([OLD_KEY]);
    const ok = await rawRequest(port, 'GET', `/extract?${signedQuery({ audience: 'partner', parameters: { seller: 's2' }, expires: now() + 60 }, OLD_KEY)}`);
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).toBe('zip of partner s2');
    expect(ok.headers['cache-control']).toBe('no-store');
    const se = await rawRequest(port, 'GET', `/extract?${signedQuery({ audience: 'south-east', expires: now() + 60 }, OLD_KEY)}`);
    expect(se.body.toString()).toBe('zip of south-east');
    const last = audit().at(-1);
    expect(last).toMatchObject({ audience: 'south-east', parameters: {}, outcome: 'served', status: 200, bytes: EXTRACTS['south-east/all.zip'].length, policyVersion: 'v7' });
    expect(Date.parse(last.time)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses unsigned, tampered and expired requests with 403, and logs each', async () => {
    const port = await start([OLD_KEY]);
    const valid = signedQuery({ audience: 'partner', parameters: { seller: 's1' }, expires: now() + 60 }, OLD_KEY);
    const cases: [string, string][] = [
      ['unsigned', 'audience=partner&p.seller=s1'],
      ['unsigned', valid.replace(/&sig=[0-9a-f]+/, '')],
      ['bad signature', valid.replace('p.seller=s1', 'p.seller=s2')],
      ['bad signature', valid.replace('audience=partner', 'audience=south-east')],
      ['bad signature', valid.replace(/exp=\d+/, `exp=${now() + 99999}`)],
      ['bad signature', `${valid}&p.extra=1`],
      ['bad signature', valid.replace(/sig=([0-9a-f])/, (_, c: string) => `sig=${c === '0' ? '1' : '0'}`)],
      ['bad signature', signedQuery({ audience: 'partner', parameters: { seller: 's1' }, expires: now() + 60 }, 'a-key-the-server-does-not-hold-0123456789')],
      ['expired', signedQuery({ audience: 'partner', parameters: { seller: 's1' }, expires: now() - 1 }, OLD_KEY)],
      ['malformed', `${valid}&sig=00`],
    ];
    for (const [outcome, query] of cases) {
      const answer = await rawRequest(port, 'GET', `/extract?${query}`);
      expect(answer.status, query).toBe(403);
      expect(answer.body.toString()).toBe(`not allowed: ${outcome}\n`);
      expect(answer.body.toString()).not.toContain('zip of');
      expect(audit().at(-1)).toMatchObject({ outcome, status: 403, bytes: 0 });
    }
  });

  it('says 404 for a signed request with nothing published for it', async () => {
    const port = await start([OLD_KEY]);
    const answer = await rawRequest(port, 'GET', `/extract?${signedQuery({ audience: 'partner', parameters: { seller: 's9' }, expires: now() + 60 }, OLD_KEY)}`);
    expect(answer.status).toBe(404);
    expect(audit().at(-1)).toMatchObject({ audience: 'partner', parameters: { seller: 's9' }, status: 404 });
  });

  it('refuses everything when signed access is not set up', async () => {
    const server = createAppServer({ root: folder.root });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const answer = await rawRequest(port, 'GET', `/extract?${signedQuery({ audience: 'south-east', expires: now() + 60 }, OLD_KEY)}`);
    expect(answer.status).toBe(403);
  });

  it('rotates keys: both verify while both are listed, the removed one no longer does', async () => {
    const query = (key: string) => new URLSearchParams(signedQuery({ audience: 'south-east', expires: now() + 60 }, key));
    expect(verifyExtractQuery(query(OLD_KEY), [NEW_KEY, OLD_KEY]).ok).toBe(true);
    expect(verifyExtractQuery(query(NEW_KEY), [NEW_KEY, OLD_KEY]).ok).toBe(true);
    expect(verifyExtractQuery(query(OLD_KEY), [NEW_KEY])).toMatchObject({ ok: false, outcome: 'bad signature' });
  });
});

describe('the README signing snippets', () => {
  const verify = (url: string, keys: string[]) => verifyExtractQuery(new URL(url).searchParams, keys);

  it('Node: a URL the server accepts, for its audience and parameters', () => {
    const url = signedEmbedUrl('https://lakehouse.example.com', NEW_KEY, 'partner', { seller: 'sé ller&1' }, 300);
    expect(new URL(url).searchParams.get('embed')).toBe('dashboard');
    expect(verify(url, [NEW_KEY])).toMatchObject({ ok: true, request: { audience: 'partner', parameters: { seller: 'sé ller&1' } } });
    expect(verify(url, [OLD_KEY]).ok).toBe(false);
  });

  const python = ['python3', '/usr/bin/python3'].find((p) => p.startsWith('/') ? existsSync(p) : true);
  it('Python: the same URL shape, accepted by the server', () => {
    const script = fileURLToPath(new URL('../deploy/portal/sign_extract.py', import.meta.url));
    const url = execFileSync(python!, [script, 'https://lakehouse.example.com', NEW_KEY, 'partner', JSON.stringify({ seller: 'sé ller&1', zone: 'b' }), '300'], { encoding: 'utf8' }).trim();
    expect(verify(url, [NEW_KEY])).toMatchObject({ ok: true, request: { audience: 'partner', parameters: { seller: 'sé ller&1', zone: 'b' } } });
    expect(verify(url.replace('zone=b', 'zone=c'), [NEW_KEY]).ok).toBe(false);
  });
});
