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
 * Only the app's own origin: WebAssembly needs 'wasm-unsafe-eval'. Served by
 * scripts/serve.mjs (the built app); Vite's dev server injects inline scripts, so it
 * runs without it.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
