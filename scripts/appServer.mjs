/**
 * The HTTP server for the built app: `createAppServer({ root })` returns a Node server (not
 * yet listening) so that scripts/serve.mjs listens on a port and the tests on port 0.
 *
 * Why sirv + connect: sirv (the static-file middleware inside Vite's own preview server)
 * lists the served folder once at start and answers only paths in that list, so no
 * encoding of `..` can reach a file outside it; it sends the `.gz`/`.br` copies the build
 * writes (scripts/precompress.mjs) and handles HEAD, Range and ETag. connect (Vite's dev
 * server stack) runs our own middleware in front of it — the request guard and the
 * security headers now, signed-URL routes and an audit log later (issue 21) — and turns
 * an exception in any of them into a 500 for that request instead of a dead server.
 */
import { createServer } from 'node:http';
import { extname } from 'node:path';
import connect from 'connect';
import sirv from 'sirv';
import { contentSecurityPolicy, embedPageHeaders, isolationHeaders } from './headers.mjs';
import { isEmbedRequest, readEmbedConfig } from './embedConfig.mjs';
import { requestGuard } from './requestGuard.mjs';
import { extractRoute } from './extractRoute.mjs';

/** Text types carry their charset (sirv's own types leave it out, except for HTML). */
const TEXT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers on every response: the app is framed by its own origin only. */
const APP_HEADERS = {
  ...isolationHeaders,
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Content-Type-Options': 'nosniff',
  // Every response is revalidated (ETag), so a new build shows at the next load.
  'Cache-Control': 'no-cache',
};

function pathOf(req) {
  return req.url.split(/[?#]/, 1)[0];
}

function queryOf(req) {
  return new URL(req.url, 'http://localhost').searchParams;
}

/**
 * The request handler for the app in `root`. `embedConfig` defaults to the one read from
 * the environment or `root/embed-config.json` (scripts/embedConfig.mjs). `extracts`
 * ({ published, keys, auditLog }) serves signed extracts at /extract (extractRoute.mjs);
 * without it /extract is refused.
 */
export function createAppHandler({ root, embedConfig = readEmbedConfig(root), extracts = { published: undefined, keys: [], auditLog: undefined } }) {
  const embedConfigBody = Buffer.from(JSON.stringify(embedConfig));
  const embedHeaders = embedPageHeaders(embedConfig.allowedOrigins);

  const assets = sirv(root, {
    etag: true,
    gzip: true,
    brotli: true,
    // `pathname` is the path asked for: `/`, `/index` and the SPA fallback (rewritten to
    // /index.html below) are the page; every other served file has an extension.
    setHeaders(res, pathname) {
      const ext = extname(pathname);
      const isPage = ext === '' || ext === '.html';
      if (TEXT_TYPES[isPage ? '.html' : ext]) res.setHeader('Content-Type', TEXT_TYPES[isPage ? '.html' : ext]);
      // Only the embed page may be framed by other origins (the configured portals).
      if (isPage && isEmbedRequest({ searchParams: queryOf(res.req) })) {
        for (const [name, value] of Object.entries(embedHeaders)) res.setHeader(name, value);
        res.removeHeader('X-Frame-Options');
      }
    },
  });

  const app = connect();
  app.use((req, res, next) => {
    for (const [name, value] of Object.entries(APP_HEADERS)) res.setHeader(name, value);
    // A file that vanished after start (a rebuild) fails its read stream: end that
    // response instead of leaving the stream's error unhandled (which ends the process).
    res.on('pipe', (source) => source.on('error', () => res.destroy()));
    next();
  });
  app.use(requestGuard);
  app.use(extractRoute(extracts));
  // The list the server frames by is the list the embed page checks messages against.
  app.use((req, res, next) => {
    if (pathOf(req) !== '/embed-config.json') return next();
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Content-Length', embedConfigBody.length);
    res.end(embedConfigBody);
  });
  app.use(assets);
  // SPA fallback: an extension-less path that is no file is the app's page (the guard has
  // already refused paths whose escapes do not decode).
  app.use((req, res, next) => {
    if (extname(decodeURIComponent(pathOf(req))) !== '') return next();
    req.url = `/index.html${req.url.slice(pathOf(req).length)}`;
    assets(req, res, next);
  });
  app.use((req, res) => {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('not found\n');
  });
  // connect's default error page would show a stack trace; say little, log the rest.
  app.use((err, req, res, next) => {
    console.error(`error serving ${req.method} ${req.url?.slice(0, 200)}:`, err);
    if (res.headersSent) return res.destroy();
    res.statusCode = 500;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('internal error\n');
    void next;
  });
  return app;
}

/** A Node HTTP server for the app in `root`; call `.listen(port, '127.0.0.1')`. */
export function createAppServer(options) {
  return createServer(createAppHandler(options));
}
