/**
 * Helpers for the static server's tests: a served folder with a secret beside it, raw
 * HTTP requests over node:net (fetch would normalise `..` and escapes away before they
 * reach the server), and the entry script started as its own process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompressFolder } from './precompress.mjs';

/** Text that only the files outside the served folder hold. */
export const SECRET = 'TOP-SECRET-7f3a9c';
export const PORTAL = 'https://portal.example.com';

export interface ServedFolder {
  /** The parent: holds `dist/`, its sibling `dist-private/` and `secret.txt`. */
  parent: string;
  root: string;
  files: { js: Buffer; wasm: Buffer; index: Buffer };
}

/**
 * A built-app look-alike in `parent/dist` (page, a script and a WASM file over 1 kB,
 * embed-config.json allowing PORTAL, precompressed as the build does), and secrets in
 * the sibling `dist-private/` (whose name starts with `dist`), in the parent and in a
 * dotfile inside dist.
 */
export async function makeServedFolder(): Promise<ServedFolder> {
  const parent = mkdtempSync(join(tmpdir(), 'serve-test-'));
  const root = join(parent, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(parent, 'dist-private'));
  const index = Buffer.from('<!doctype html><html><head><script type="module" src="/assets/app-1a2b.js"></script></head><body><div id="root"></div></body></html>\n');
  const js = Buffer.from(`export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "row ${i}" }`).join(', ')}];\n`);
  // A real WASM header, then bytes that compress.
  const wasm = Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), Buffer.alloc(8192, 7)]);
  writeFileSync(join(root, 'index.html'), index);
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), js);
  writeFileSync(join(root, 'assets', 'engine-3c4d.wasm'), wasm);
  writeFileSync(join(root, 'embed-config.json'), JSON.stringify({ allowedOrigins: [PORTAL] }));
  writeFileSync(join(root, '.env'), `TOKEN=${SECRET}\n`);
  for (const name of ['secret.txt', 'index.html', 'x', 'x.js']) writeFileSync(join(parent, 'dist-private', name), `${SECRET} in dist-private/${name}\n`);
  writeFileSync(join(parent, 'dist-private.html'), `${SECRET} beside dist\n`);
  writeFileSync(join(parent, 'secret.txt'), `${SECRET} in the parent\n`);
  await precompressFolder(root);
  return { parent, root, files: { js, wasm, index } };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Everything the server sent, to search for the secret. */
  raw: Buffer;
}

/**
 * Sends `METHOD target HTTP/1.1` exactly as written and reads the answer until the server
 * closes the connection. Status 0: the connection closed with no answer.
 */
export function rawRequest(port: number, method: string, target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer in 10 s to ${method} ${target.slice(0, 80)}`));
    }, 10_000);
    socket.on('connect', () => {
      const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      // write, not end: Node's HTTP server drops a response still pending when the client half-closes.
      socket.write(Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'));
    });
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      if (split < 0) return resolve({ status: 0, headers: {}, body: Buffer.alloc(0), raw });
      const [statusLine, ...headerLines] = raw.subarray(0, split).toString('latin1').split('\r\n');
      const parsed: Record<string, string> = {};
      for (const line of headerLines) {
        const i = line.indexOf(':');
        parsed[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers: parsed, body: raw.subarray(split + 4), raw });
    });
  });
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningScript {
  port: number;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts a server script (`scripts/serve.mjs` unless SERVE_SCRIPT names another, e.g. an
 * old version to show that it fails) with `--dir root --port P` and waits until it answers.
 */
export async function startServeScript(root: string, script = process.env.SERVE_SCRIPT ?? fileURLToPath(new URL('./serve.mjs', import.meta.url))): Promise<RunningScript> {
  const port = await freePort();
  const env = { ...process.env };
  delete env.EMBED_ALLOWED_ORIGINS;
  const child = spawn(process.execPath, [script, '--dir', root, '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}: ${output}`);
    const answer = await rawRequest(port, 'GET', '/').catch(() => undefined);
    if (answer?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`${script} did not answer on port ${port}: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** mulberry32: a small seeded PRNG, so the random paths are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The app's Content-Security-Policy, written out: the tests compare against it, not against headers.mjs. */
export const POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** Headers on every response of the app (not the embed page), from our server and from nginx alike. */
export const APP = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
  'content-security-policy': POLICY,
  'x-frame-options': 'SAMEORIGIN',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};
