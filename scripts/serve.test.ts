/**
 * The static server under hostile requests (issue 13 §3), sent raw over TCP to the entry
 * script running as its own process: every hostile request gets a 4xx, nothing outside
 * `dist/` is ever sent (a sibling `dist-private/` holds a secret), and the server keeps
 * answering. `SERVE_SCRIPT=path npx vitest run scripts/serve.test.ts` runs the same corpus
 * against another server script (the hand-written one this replaced fails it).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, makeServedFolder, rawRequest, seededRandom, startServeScript, type RawResponse, type RunningScript, type ServedFolder } from './serveTestSupport';

let folder: ServedFolder;
let server: RunningScript;

beforeAll(async () => {
  folder = await makeServedFolder();
  server = await startServeScript(folder.root);
});
afterAll(async () => {
  await server?.stop();
  rmSync(folder.parent, { recursive: true, force: true });
});

/** Paths that try to leave dist/ or that no page asks for; each must get a 4xx. */
const HOSTILE_PATHS = [
  // encoded and double-encoded `..`
  '/..%2fdist-private/secret.txt',
  '/..%2f..%2fdist-private%2fsecret.txt',
  '/%2e%2e/dist-private/secret.txt',
  '/%2E%2e%2Fdist-private%2Fsecret.txt',
  '/assets/%2e%2e/%2e%2e/dist-private/x.js',
  '/%252e%252e/dist-private/secret.txt',
  '/%252e%252e%252fdist-private%252fsecret.txt',
  '/..%252fdist-private/secret.txt',
  '/.%2e/secret.txt',
  // raw `..` (fetch and browsers would remove these before sending)
  '/../dist-private/secret.txt',
  '/assets/../../dist-private/x.js',
  '/../secret.txt',
  '/./index.html',
  // sibling-prefix folders and files
  '/..%2fdist-private/index.html',
  '/..%2fdist-private.html',
  '/..%2fdist-private/x',
  // backslashes
  '/..%5cdist-private%5csecret.txt',
  '/..\\dist-private\\secret.txt',
  '/assets\\..\\..\\secret.txt',
  '/%5c..%5c..%5csecret.txt',
  // NUL and other control characters
  '/index.html%00',
  '/%00',
  '/dist-private/secret.txt%00.js',
  '/assets/app-1a2b.js%00.html',
  '/index%0d%0aSet-Cookie:%20x=1',
  // malformed escapes and overlong UTF-8 for `.`
  '/%E0%A4%A',
  '/%',
  '/%zz',
  '/assets/%E0%A4%A.js',
  '/%C0%AE%C0%AE/dist-private/secret.txt',
  '/%c0%af',
  // 10 kB paths
  `/${'a'.repeat(10_000)}`,
  `/${'..%2f'.repeat(2_000)}secret.txt`,
];

/** Absolute and asterisk request targets: for proxies, not for this server. */
const HOSTILE_TARGETS = ['http://evil/x', 'http://127.0.0.1/../secret.txt', 'https://evil.example/index.html', '*'];

/** Methods a static server does not take; HEAD of a real file is the one 200 here. */
const HOSTILE_METHODS: [method: string, target: string][] = [
  ['OPTIONS', '/'],
  ['OPTIONS', '*'],
  ['POST', '/'],
  ['POST', '/index.html'],
  ['PUT', '/index.html'],
  ['PUT', '/assets/new.js'],
  ['DELETE', '/index.html'],
  ['PATCH', '/index.html'],
  ['TRACE', '/'],
];

function expectNoSecret(answer: RawResponse, what: string): void {
  expect(answer.raw.includes(SECRET), `${what} sent the secret`).toBe(false);
}

/** The server still serves the app after `what`. */
async function expectStillUp(what: string): Promise<void> {
  const home = await rawRequest(server.port, 'GET', '/');
  expect(home.status, `after ${what}: ${server.output()}`).toBe(200);
  expect(home.body.equals(folder.files.index), `after ${what}`).toBe(true);
}

describe('the static server under hostile requests', () => {
  it('refuses each hostile path with a 4xx, never sends a file outside dist/, and keeps answering', async () => {
    for (const path of HOSTILE_PATHS) {
      const what = `GET ${path.slice(0, 60)}`;
      for (const method of ['GET', 'HEAD']) {
        const answer = await rawRequest(server.port, method, path);
        expect(answer.status, `${method} ${path.slice(0, 60)}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${method} ${path.slice(0, 60)}`).toBeLessThan(500);
        expectNoSecret(answer, what);
      }
      await expectStillUp(what);
    }
  });

  it('refuses absolute and asterisk request targets with a 4xx', async () => {
    for (const target of HOSTILE_TARGETS) {
      const answer = await rawRequest(server.port, 'GET', target);
      expect(answer.status, target).toBeGreaterThanOrEqual(400);
      expect(answer.status, target).toBeLessThan(500);
      expectNoSecret(answer, target);
      await expectStillUp(`GET ${target}`);
    }
  });

  it('answers methods other than GET and HEAD with 405, and HEAD of a real file with 200 and no body', async () => {
    for (const [method, target] of HOSTILE_METHODS) {
      const answer = await rawRequest(server.port, method, target, method === 'GET' ? {} : { 'Content-Length': '0' });
      expect(answer.status, `${method} ${target}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${method} ${target}`).toBeLessThan(500);
      await expectStillUp(`${method} ${target}`);
    }
    const head = await rawRequest(server.port, 'HEAD', '/assets/app-1a2b.js');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBe(folder.files.js.length);
    expect((await rawRequest(server.port, 'HEAD', '/assets/missing.js')).status).toBe(404);
  });

  it('serves nothing for files outside dist/ or dotfiles asked for directly', async () => {
    for (const path of ['/dist-private/secret.txt', '/secret.txt', '/dist-private.html', '/.env', '/assets/../.env']) {
      const answer = await rawRequest(server.port, 'GET', path);
      expect(answer.status, path).toBeLessThan(500);
      expectNoSecret(answer, path);
    }
    expect((await rawRequest(server.port, 'GET', '/secret.txt')).status).toBe(404);
  });

  it('ignores a malformed Range and answers an unsatisfiable one with 416', async () => {
    for (const range of ['bytes=5-2', 'bytes=-5', 'bytes=abc', 'bytes=0-1,4-5', 'bytes=99999999999999999999-']) {
      const answer = await rawRequest(server.port, 'GET', '/assets/app-1a2b.js', { Range: range });
      expect(answer.status, range).toBe(200);
      expect(answer.body.equals(folder.files.js), range).toBe(true);
      await expectStillUp(`Range: ${range}`);
    }
    const part = await rawRequest(server.port, 'GET', '/assets/app-1a2b.js', { Range: 'bytes=0-5' });
    expect(part.status).toBe(206);
    expect(part.body.toString()).toBe(folder.files.js.subarray(0, 6).toString());
    expect((await rawRequest(server.port, 'GET', '/assets/app-1a2b.js', { Range: 'bytes=999999-' })).status).toBe(416);
  });

  it('survives 400 random paths from a fixed seed: no 5xx, no secret, always answering', async () => {
    const random = seededRandom(13);
    const pieces = ['..', '.', '%2e', '%2E%2e', '%252e', '%2f', '%5c', '\\', '%00', '%', '%zz', '%E0%A4%A', '%C0%AE', 'dist-private', 'secret.txt', 'assets', 'index.html', 'app-1a2b.js', 'x', '.env', ';', '?embed=1', '#x', '/', '//', '~', '%20', '+', 'é'];
    const statuses = new Map<number, number>();
    for (let n = 0; n < 400; n++) {
      const length = 1 + Math.floor(random() * 8);
      let path = '/';
      for (let i = 0; i < length; i++) path += pieces[Math.floor(random() * pieces.length)] + (random() < 0.5 ? '/' : '');
      const answer = await rawRequest(server.port, random() < 0.8 ? 'GET' : 'HEAD', path);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expect(answer.status, path).toBeGreaterThanOrEqual(200);
      expect(answer.status, path).toBeLessThan(500);
      expectNoSecret(answer, path);
      if (n % 50 === 49) await expectStillUp(`random path ${n}`);
    }
    await expectStillUp('the random paths');
    // The corpus reaches both sides: some paths are the app's page, most are refused.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
  });

  // Last: it removes a file. A rebuild while the server runs removes the old assets; a
  // request for one must end that response, not the process.
  it('keeps answering when a listed file vanished after start', async () => {
    for (const suffix of ['', '.gz', '.br']) rmSync(join(folder.root, 'assets', `engine-3c4d.wasm${suffix}`));
    for (const encoding of ['br', 'identity']) {
      const answer = await rawRequest(server.port, 'GET', '/assets/engine-3c4d.wasm', { 'Accept-Encoding': encoding });
      expect(answer.body.length).toBe(0);
      await expectStillUp(`a vanished file (${encoding})`);
    }
    expect(server.child.exitCode).toBeNull();
  });
});
