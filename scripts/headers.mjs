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
