/**
 * Who may embed the dashboard (`?embed=…`) in a frame and talk to it with postMessage:
 * a list of exact origins, configured where the app is deployed, not at build time, so
 * one build serves every portal. Read by scripts/serve.mjs, which puts the list in the
 * embed page's `frame-ancestors` and serves it as /embed-config.json for the page's
 * postMessage checks: one list for both. Sources, first found wins:
 *   1. the EMBED_ALLOWED_ORIGINS environment variable, comma- or space-separated;
 *   2. `embed-config.json` in the served folder (copied from public/ by the build):
 *      `{ "allowedOrigins": ["https://portal.example.com"] }`.
 * The app's own origin is always allowed and need not be listed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The origin `text` names, exactly (`https://portal.example.com`, `http://127.0.0.1:8080`),
 * or an error: no wildcard, path, query, user or trailing slash, so the same text is
 * valid in a CSP source list and equal to a MessageEvent's origin.
 */
export function parseOrigin(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not an origin: write it as scheme://host[:port], e.g. https://portal.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`"${text}" is not an http or https origin`);
  // The URL parser accepts `*` in a host name; a CSP source list would read it as a wildcard.
  if (!/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname)) throw new Error(`"${text}" is not an origin: no wildcards, name one host exactly`);
  if (url.origin !== text) throw new Error(`"${text}" is not an origin: write exactly ${url.origin} (no path, wildcard or trailing slash)`);
  return url.origin;
}

/** The validated, de-duplicated allow-list of a parsed embed-config.json. */
export function parseEmbedConfig(json) {
  const list = json?.allowedOrigins;
  if (!Array.isArray(list) || list.some((o) => typeof o !== 'string')) throw new Error('embed-config.json: "allowedOrigins" must be a list of origins (strings)');
  return { allowedOrigins: [...new Set(list.map(parseOrigin))] };
}

/** The embed configuration for the app served from `root`, from the environment or the file. */
export function readEmbedConfig(root, env = process.env) {
  const fromEnv = env.EMBED_ALLOWED_ORIGINS;
  if (fromEnv !== undefined) return parseEmbedConfig({ allowedOrigins: fromEnv.split(/[\s,]+/).filter(Boolean) });
  let text;
  try {
    text = readFileSync(join(root, 'embed-config.json'), 'utf8');
  } catch {
    return { allowedOrigins: [] };
  }
  return parseEmbedConfig(JSON.parse(text));
}

/** Whether a request is for the embed page: the query names `embed` (the app renders only the embed then). */
export function isEmbedRequest(url) {
  return url.searchParams.has('embed');
}
