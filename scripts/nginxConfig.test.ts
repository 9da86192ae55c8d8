/**
 * The README's nginx snippet (deploy/nginx/pocket-lakehouse.conf) is valid (`nginx -t`)
 * and, run by a real nginx on 127.0.0.1, sends the headers scripts/serve.mjs sends. Needs
 * nginx (`apt-get install nginx`; .ci/run installs it). Without it the test is skipped, and
 * .ci/allowed-skips.json allows that only while /usr/sbin/nginx is missing: CI, which
 * installs nginx, fails on the skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from './appServer.mjs';
import { signedQuery } from './signedExtract.mjs';
import { APP, POLICY, PORTAL, SECRET, freePort, makeServedFolder, rawRequest, type ServedFolder } from './serveTestSupport';

const SNIPPET = readFileSync(fileURLToPath(new URL('../deploy/nginx/pocket-lakehouse.conf', import.meta.url)), 'utf8');
const README = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');


/** nginx's own configuration folder (for mime.types), from `nginx -V`. */
function nginxConfDir(): string {
  const probe = spawnSync('nginx', ['-V'], { encoding: 'utf8' });
  if (probe.error) throw new Error(`nginx is not installed (${probe.error.message}): apt-get install nginx — this test checks the README's nginx snippet`);
  const confPath = /--conf-path=(\S+)/.exec(probe.stderr)?.[1];
  if (!confPath) throw new Error(`nginx -V does not name its conf path:\n${probe.stderr}`);
  return dirname(confPath);
}

const NGINX_INSTALLED = existsSync('/usr/sbin/nginx');

let folder: ServedFolder;
let prefix: string;
let port: number;
let nginx: ChildProcess | undefined;
let nginxOutput = '';
let app: Server | undefined;
let published: string;
const EXTRACT_KEY = 'nginx-test-key-0123456789abcdef0123456789';

beforeAll(async () => {
  if (!NGINX_INSTALLED) return;
  const confDir = nginxConfDir();
  folder = await makeServedFolder();
  prefix = join(folder.parent, 'nginx');
  mkdirSync(join(prefix, 'temp'), { recursive: true });
  port = await freePort();
  // The app server behind nginx for signed extracts, on a port of its own.
  published = join(folder.parent, 'published');
  mkdirSync(join(published, 'extracts'), { recursive: true });
  writeFileSync(join(published, 'extracts', 'all.zip'), 'zip of south-east');
  writeFileSync(join(published, 'publication.json'), JSON.stringify({ policyVersion: 'v1', extracts: [{ audience: 'south-east', parameters: {}, file: 'extracts/all.zip' }] }));
  app = createAppServer({ root: folder.root, embedConfig: { allowedOrigins: [PORTAL] }, extracts: { published, keys: [EXTRACT_KEY], auditLog: join(published, 'audit.log') } });
  await new Promise<void>((resolve) => app!.listen(0, '127.0.0.1', resolve));
  const appPort = (app.address() as { port: number }).port;
  const site = SNIPPET.replace('listen 127.0.0.1:8080;', `listen 127.0.0.1:${port};`)
    .replace('root /srv/pocket-lakehouse/dist;', `root ${folder.root};`)
    .replace('proxy_pass http://127.0.0.1:4173;', `proxy_pass http://127.0.0.1:${appPort};`);
  expect(site).toContain(`proxy_pass http://127.0.0.1:${appPort};`);
  expect(site).toContain(`listen 127.0.0.1:${port};`);
  expect(site).toContain(`root ${folder.root};`);
  writeFileSync(join(prefix, 'site.conf'), site);
  const temp = (name: string) => `${name}_temp_path ${join(prefix, 'temp', name)};`;
  // One process, in the foreground, everything under `prefix`: no root, no system files written.
  writeFileSync(
    join(prefix, 'nginx.conf'),
    [
      'daemon off;',
      'master_process off;',
      `pid ${join(prefix, 'nginx.pid')};`,
      `error_log ${join(prefix, 'error.log')};`,
      'events { worker_connections 64; }',
      `http { include ${join(confDir, 'mime.types')}; default_type application/octet-stream; access_log off;`,
      ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join(' '),
      `include ${join(prefix, 'site.conf')}; }`,
    ].join('\n'),
  );
});

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((resolve) => nginx!.once('exit', resolve));
    nginx.kill();
    await exited;
  }
  if (app) await new Promise((resolve) => app!.close(resolve));
  if (folder) rmSync(folder.parent, { recursive: true, force: true });
});

describe('the nginx snippet in the README', () => {
  it('is the file deploy/nginx/pocket-lakehouse.conf, word for word', () => {
    expect(README).toContain(SNIPPET);
  });
});

describe.skipIf(!NGINX_INSTALLED)('the nginx snippet run by a real nginx', () => {
  it('passes nginx -t', () => {
    const check = spawnSync('nginx', ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf')], { encoding: 'utf8' });
    expect(check.stderr).toContain('test is successful');
    expect(check.status).toBe(0);
  });

  it('served by nginx, sends the same headers as scripts/serve.mjs', async () => {
    nginx = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stderr!.on('data', (c) => (nginxOutput += c));
    await expect.poll(async () => (await rawRequest(port, 'GET', '/').catch(() => undefined))?.status, { timeout: 10_000 }).toBe(200);

    const page = await rawRequest(port, 'GET', '/');
    expect(page.headers, nginxOutput).toMatchObject({ ...APP, 'content-type': 'text/html; charset=utf-8' });
    expect(page.body.equals(folder.files.index)).toBe(true);
    // SPA fallback for extension-less paths; a missing file with an extension is a 404, with the headers.
    const route = await rawRequest(port, 'GET', '/some/route?x=1');
    expect(route.status).toBe(200);
    expect(route.body.equals(folder.files.index)).toBe(true);
    const missing = await rawRequest(port, 'GET', '/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers).toMatchObject(APP);

    for (const target of ['/?embed=dashboard&charts=revenue-by-state', '/index.html?embed', '/route?x=1&embed=dashboard']) {
      const embed = await rawRequest(port, 'GET', target);
      expect(embed.status, target).toBe(200);
      const { 'x-frame-options': _framing, ...embedHeaders } = APP;
      expect(embed.headers, target).toMatchObject({ ...embedHeaders, 'cross-origin-resource-policy': 'cross-origin', 'content-security-policy': `${POLICY} ${PORTAL}` });
      expect(embed.headers['x-frame-options'], target).toBeUndefined();
    }
    // `embed` on an asset, or `notembed`, does not make anything framable.
    for (const target of ['/assets/app-1a2b.js?embed=1', '/?notembed=1'])
      expect((await rawRequest(port, 'GET', target)).headers, target).toMatchObject(APP);

    const wasm = await rawRequest(port, 'GET', '/assets/engine-3c4d.wasm', { 'Accept-Encoding': 'gzip' });
    expect(wasm.headers).toMatchObject({ ...APP, 'content-type': 'application/wasm', 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    expect(gunzipSync(wasm.body).equals(folder.files.wasm)).toBe(true);
    const js = await rawRequest(port, 'GET', '/assets/app-1a2b.js', { 'Accept-Encoding': 'gzip' });
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(js.body).equals(folder.files.js)).toBe(true);

    const config = await rawRequest(port, 'GET', '/embed-config.json');
    expect(JSON.parse(config.body.toString())).toEqual({ allowedOrigins: [PORTAL] });
    expect(config.headers).toMatchObject(APP);

    // Signed extracts go through to the app server, which checks them and logs them; the
    // headers are nginx's, with Cache-Control: no-store.
    const signed = signedQuery({ audience: 'south-east', expires: Math.floor(Date.now() / 1000) + 60 }, EXTRACT_KEY);
    const served = await rawRequest(port, 'GET', `/extract?${signed}`);
    expect(served.status, nginxOutput).toBe(200);
    expect(served.body.toString()).toBe('zip of south-east');
    expect(served.headers).toMatchObject({ ...APP, 'cache-control': 'no-store', 'content-type': 'application/zip' });
    const tampered = await rawRequest(port, 'GET', `/extract?${signed.replace('south-east', 'partner')}`);
    expect(tampered.status).toBe(403);
    expect(tampered.headers).toMatchObject({ ...APP, 'cache-control': 'no-store' });
    for (const h of ['content-security-policy', 'cross-origin-opener-policy', 'x-frame-options', 'cache-control']) expect(tampered.raw.toString('latin1').split(new RegExp(`\r\n${h}:`, 'i')).length - 1, h).toBe(1);
    const audit = readFileSync(join(published, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.map((e) => [e.outcome, e.forwardedFor])).toEqual([['served', '127.0.0.1'], ['bad signature', '127.0.0.1']]);

    for (const [method, target] of [['POST', '/'], ['PUT', '/index.html'], ['DELETE', '/index.html'], ['OPTIONS', '/']]) {
      const refused = await rawRequest(port, method, target, { 'Content-Length': '0' });
      expect(refused.status, `${method} ${target}`).toBe(405);
      expect(refused.headers).toMatchObject(APP);
    }
    for (const path of ['/.env', '/..%2fdist-private/secret.txt', '/../secret.txt', '/%2e%2e/dist-private/x.js', '/..%5cdist-private%5csecret.txt', '/%E0%A4%A', '/index.html%00']) {
      const answer = await rawRequest(port, 'GET', path);
      expect(answer.status, path).toBeGreaterThanOrEqual(200);
      expect(answer.status, path).toBeLessThan(500);
      expect(answer.raw.includes(SECRET), path).toBe(false);
    }
  });
});
