#!/usr/bin/env node
// Serves the built app (dist/) on 127.0.0.1 with the isolation headers, compressing
// large text and WASM files once and keeping them in memory. No dependencies: this is
// what `npm start` and the end-to-end tests run.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { contentSecurityPolicy, isolationHeaders } from './headers.mjs';

const root = resolve(process.argv.includes('--dir') ? process.argv[process.argv.indexOf('--dir') + 1] : 'dist');
const port = Number(process.argv.includes('--port') ? process.argv[process.argv.indexOf('--port') + 1] : process.env.PORT ?? 4173);
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt']);
const gzipped = new Map();

async function resolveFile(urlPath) {
  const path = normalize(join(root, decodeURIComponent(urlPath)));
  if (!path.startsWith(root)) return undefined;
  try {
    if ((await stat(path)).isFile()) return path;
  } catch {}
  return extname(path) ? undefined : join(root, 'index.html');
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = await resolveFile(url.pathname);
  if (!path) {
    res.writeHead(404, { 'Content-Type': 'text/plain', ...isolationHeaders });
    return res.end('not found');
  }
  const ext = extname(path);
  const headers = {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': contentSecurityPolicy,
    ...isolationHeaders,
  };
  let body = await readFile(path);
  if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && body.length > 1024) {
    if (!gzipped.has(path)) gzipped.set(path, promisify(gzip)(body, { level: 6 }));
    body = await gzipped.get(path);
    headers['Content-Encoding'] = 'gzip';
    headers['Vary'] = 'Accept-Encoding';
  }
  headers['Content-Length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`Pocket Lakehouse is running at http://127.0.0.1:${port}/  (Ctrl+C to stop)`);
});
