/**
 * Response headers for every page and asset. Cross-origin isolation (COOP + COEP) lets
 * DuckDB-WASM use its multi-threaded build; CORP lets our own workers and WASM load
 * under COEP. Shared by the Vite dev server and scripts/serve.mjs.
 */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Only the app's own origin: WebAssembly needs 'wasm-unsafe-eval'. No 'unsafe-inline' and
 * no 'unsafe-eval' anywhere, so markup that reached the page could not run a script.
 * `frameAncestors`: who may show the page in a frame; the app itself only `'self'`, the
 * embed page also the configured portal origins (scripts/embedConfig.mjs). Served by
 * scripts/serve.mjs (the built app); Vite's dev server injects inline scripts, so it
 * runs without it.
 */
export function contentSecurityPolicyFor(frameAncestors = []) {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${["'self'", ...frameAncestors].join(' ')}`,
  ].join('; ');
}

/** The app's policy: framed by its own origin only. */
export const contentSecurityPolicy = contentSecurityPolicyFor();

/**
 * Headers for the embed page (`?embed=…`), framed by `allowedOrigins`. Its CORP is
 * cross-origin so that a portal that is itself cross-origin isolated (COEP require-corp)
 * may frame it; framing stays limited by frame-ancestors, and the page is the app's
 * static shell (no data). COOP has no effect in a frame; COEP stays so that the
 * embed's own workers and WASM load as in the app.
 */
export function embedPageHeaders(allowedOrigins) {
  return {
    ...isolationHeaders,
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Content-Security-Policy': contentSecurityPolicyFor(allowedOrigins),
  };
}
