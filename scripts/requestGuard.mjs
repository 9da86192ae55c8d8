/**
 * The first middleware of scripts/serve.mjs: turns away requests that no page of a static
 * app makes, with a 4xx and a one-line reason, before any file is looked up. The file
 * lookup itself cannot leave the served folder (sirv serves only the files it listed at
 * start); this guard makes hostile requests fail loudly and early instead of falling
 * back to index.html, and keeps odd input away from the library.
 */

/** Longer request targets are refused (414); the app's own URLs are far shorter. */
export const MAX_URL_LENGTH = 2048;

const ALLOWED_METHODS = 'GET, HEAD';

/** A single `bytes=start-[end]` range; anything else is ignored, as RFC 9110 allows. */
function isPlainRange(range) {
  const m = /^bytes=(\d{1,15})-(\d{0,15})$/.exec(range);
  return !!m && (m[2] === '' || Number(m[1]) <= Number(m[2]));
}

/** Why the request is refused, as [status, reason], or undefined when it may go on. */
export function refusal(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return [405, `method ${req.method} is not allowed: this server only serves files (GET, HEAD)`];
  const url = req.url ?? '';
  // Absolute-form (`GET http://host/x`) and asterisk-form targets are for proxies.
  if (!url.startsWith('/')) return [400, 'the request target must be a path starting with /'];
  if (url.length > MAX_URL_LENGTH) return [414, `the request target is longer than ${MAX_URL_LENGTH} characters`];
  const rawPath = url.split(/[?#]/, 1)[0];
  let path;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return [400, 'the path has a malformed percent-escape'];
  }
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return [400, 'the path holds a control character or a backslash'];
  if (path.includes('%')) return [400, 'the path is percent-encoded twice'];
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return [400, 'the path holds a . or .. segment'];
  return undefined;
}

/** Connect middleware: refuse (see `refusal`) or pass on, with malformed Range headers dropped. */
export function requestGuard(req, res, next) {
  const refused = refusal(req);
  if (refused) {
    const [status, reason] = refused;
    if (status === 405) res.setHeader('Allow', ALLOWED_METHODS);
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`${reason}\n`);
    return;
  }
  // sirv passes Range straight to fs.createReadStream, which throws on `bytes=5-2`.
  if (req.headers.range !== undefined && !isPlainRange(req.headers.range)) delete req.headers.range;
  next();
}
