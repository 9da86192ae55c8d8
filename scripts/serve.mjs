#!/usr/bin/env node
// Serves the built app (dist/) on 127.0.0.1 with the isolation headers, compressing
// large text and WASM files once and keeping them in memory. No dependencies: this is
// what `npm start` and the end-to-end tests run.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { contentSecurityPolicy, embedPageHeaders, isolationHeaders } from './headers.mjs';
import { isEmbedRequest, readEmbedConfig } from './embedConfig.mjs';

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
// Read once at start: a bad origin in the list stops the server with a message.
const embedConfig = readEmbedConfig(root);
const embedConfigBody = Buffer.from(JSON.stringify(embedConfig));

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
  // The list the server frames by is the list the embed page checks messages against.
  if (url.pathname === '/embed-config.json') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache', 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff', ...isolationHeaders });
    return res.end(req.method === 'HEAD' ? undefined : embedConfigBody);
  }
  const path = await resolveFile(url.pathname);
  if (!path) {
    res.writeHead(404, { 'Content-Type': 'text/plain', ...isolationHeaders });
    return res.end('not found');
  }
  const ext = extname(path);
  // Only the embed page may be framed by other origins (the configured portals); the
  // app itself is framed by its own origin only.
  const framing = ext === '.html' && isEmbedRequest(url) ? embedPageHeaders(embedConfig.allowedOrigins) : { 'Content-Security-Policy': contentSecurityPolicy, 'X-Frame-Options': 'SAMEORIGIN', ...isolationHeaders };
  const headers = {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...framing,
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
  if (embedConfig.allowedOrigins.length) console.log(`Embedding allowed from: ${embedConfig.allowedOrigins.join(' ')}`);
});
