/**
 * Every header the static server sends, exactly, on the page, a script, a WASM file, the
 * embed page, /embed-config.json and a 404 (the server built in-process on port 0), and
 * the entry script's options (--dir, PORT, 127.0.0.1).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from './appServer.mjs';
import { APP, POLICY, PORTAL, freePort, makeServedFolder, rawRequest, type RawResponse, type ServedFolder } from './serveTestSupport';


let folder: ServedFolder;
let server: Server;
let port: number;

beforeAll(async () => {
  folder = await makeServedFolder();
  server = createAppServer({ root: folder.root, embedConfig: { allowedOrigins: [PORTAL] } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(folder.parent, { recursive: true, force: true });
});

/** The headers that vary with time (checked for presence) set aside; the rest compared whole. */
function fixedHeaders(answer: RawResponse, fromFile = answer.status === 200): Record<string, string> {
  const { date, connection, 'last-modified': lastModified, etag, ...rest } = answer.headers;
  expect(date).toBeTruthy();
  expect(connection).toBe('close');
  // Files are revalidated by ETag (Cache-Control: no-cache).
  if (fromFile) {
    expect(lastModified).toBeTruthy();
    expect(etag).toMatch(/^W\/"/);
  }
  return rest;
}

describe('headers of the static server', () => {
  it('the page: isolation, CSP, framing by its own origin only, nosniff, no-cache', async () => {
    const answer = await rawRequest(port, 'GET', '/', { 'Accept-Encoding': 'gzip, br' });
    expect(answer.status).toBe(200);
    expect(fixedHeaders(answer)).toEqual({ ...APP, vary: 'Accept-Encoding', 'content-type': 'text/html; charset=utf-8', 'content-length': String(folder.files.index.length) });
    expect(answer.body.equals(folder.files.index)).toBe(true);
    // The SPA fallback: an extension-less path that is no file is the page, with the page's headers.
    const route = await rawRequest(port, 'GET', '/some/route');
    expect(route.status).toBe(200);
    expect(fixedHeaders(route)).toEqual({ ...APP, vary: 'Accept-Encoding', 'content-type': 'text/html; charset=utf-8', 'content-length': String(folder.files.index.length) });
    expect(route.body.equals(folder.files.index)).toBe(true);
    // Revalidation (no-cache) answers 304 with the same security headers.
    const again = await rawRequest(port, 'GET', '/', { 'If-None-Match': answer.headers.etag });
    expect(again.status).toBe(304);
    expect(again.headers).toMatchObject(APP);
  });

  it('a script: gzip when asked for, plain otherwise', async () => {
    const gz = await rawRequest(port, 'GET', '/assets/app-1a2b.js', { 'Accept-Encoding': 'gzip' });
    expect(gz.status).toBe(200);
    expect(fixedHeaders(gz)).toEqual({ ...APP, vary: 'Accept-Encoding', 'content-type': 'text/javascript; charset=utf-8', 'content-encoding': 'gzip', 'content-length': String(gz.body.length) });
    expect(gz.body.length).toBeLessThan(folder.files.js.length / 3);
    expect(gunzipSync(gz.body).equals(folder.files.js)).toBe(true);
    const plain = await rawRequest(port, 'GET', '/assets/app-1a2b.js');
    expect(fixedHeaders(plain)).toEqual({ ...APP, vary: 'Accept-Encoding', 'content-type': 'text/javascript; charset=utf-8', 'content-length': String(folder.files.js.length) });
    expect(plain.body.equals(folder.files.js)).toBe(true);
  });

  it('WASM: brotli before gzip, application/wasm', async () => {
    const br = await rawRequest(port, 'GET', '/assets/engine-3c4d.wasm', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(fixedHeaders(br)).toEqual({ ...APP, vary: 'Accept-Encoding', 'content-type': 'application/wasm', 'content-encoding': 'br', 'content-length': String(br.body.length) });
    expect(brotliDecompressSync(br.body).equals(folder.files.wasm)).toBe(true);
    const gz = await rawRequest(port, 'GET', '/assets/engine-3c4d.wasm', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(folder.files.wasm)).toBe(true);
  });

  it('the embed page: framed by the allowed portals, CORP cross-origin, no X-Frame-Options', async () => {
    for (const target of ['/?embed=dashboard&charts=revenue-by-state', '/index.html?embed=dashboard']) {
      const answer = await rawRequest(port, 'GET', target);
      expect(answer.status, target).toBe(200);
      expect(fixedHeaders(answer), target).toEqual({
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
        'cross-origin-resource-policy': 'cross-origin',
        'content-security-policy': POLICY.replace("frame-ancestors 'self'", `frame-ancestors 'self' ${PORTAL}`),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
        vary: 'Accept-Encoding',
        'content-type': 'text/html; charset=utf-8',
        'content-length': String(folder.files.index.length),
      });
    }
    // `embed` on an asset does not make the asset framable.
    const asset = await rawRequest(port, 'GET', '/assets/app-1a2b.js?embed=1');
    expect(asset.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(asset.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('/embed-config.json: the list the embed page checks messages against', async () => {
    const answer = await rawRequest(port, 'GET', '/embed-config.json');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toEqual({ allowedOrigins: [PORTAL] });
    expect(fixedHeaders(answer, false)).toEqual({ ...APP, 'content-type': 'application/json', 'content-length': String(answer.body.length) });
  });

  it('errors carry the same security headers', async () => {
    for (const [method, target, status] of [['GET', '/assets/missing.js', 404], ['GET', '/..%2fx', 400], ['POST', '/', 405]] as const) {
      const answer = await rawRequest(port, method, target, { 'Content-Length': '0' });
      expect(answer.status, target).toBe(status);
      expect(fixedHeaders(answer), target).toMatchObject({ ...APP, 'content-type': 'text/plain; charset=utf-8' });
    }
    expect((await rawRequest(port, 'POST', '/', { 'Content-Length': '0' })).headers.allow).toBe('GET, HEAD');
  });
});

describe('scripts/serve.mjs', () => {
  const script = fileURLToPath(new URL('./serve.mjs', import.meta.url));

  it('serves --dir on 127.0.0.1 at PORT', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [script, '--dir', folder.root], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      child.stdout.on('data', (c) => (output += c));
      await expect.poll(() => output, { timeout: 15_000 }).toContain(`http://127.0.0.1:${port}/`);
      const answer = await rawRequest(port, 'GET', '/');
      expect(answer.body.equals(folder.files.index)).toBe(true);
      expect(answer.headers['content-security-policy']).toBe(POLICY);
    } finally {
      child.kill();
    }
  });

  it('stops with a message when the folder has no built app', async () => {
    const child = spawn(process.execPath, [script, '--dir', join(folder.parent, 'dist-missing'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/No built app in .*dist-missing.*npm run build/);
  });
});
