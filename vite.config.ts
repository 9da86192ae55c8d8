import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { arrowWithoutEval } from './scripts/arrowWithoutEval.mjs';
import { isolationHeaders } from './scripts/headers.mjs';
import { precompressAssets } from './scripts/precompress.mjs';
import { pwaOptions } from './scripts/pwaOptions.mjs';

export default defineConfig({
  // precompressAssets writes .gz/.br copies that scripts/serve.mjs sends; the service
  // worker precaches the plain files only (scripts/pwaOptions.mjs).
  plugins: [react(), arrowWithoutEval(), VitePWA(pwaOptions), precompressAssets()],
  // Pre-bundling DuckDB-WASM makes the dev server reload on first start and abort
  // requests in flight (DESIGN.md §3).
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  // The worker bundle builds Arrow vectors too, so it gets the same rewrite.
  worker: { format: 'es', plugins: () => [arrowWithoutEval()] },
  server: { host: '127.0.0.1', headers: isolationHeaders },
  preview: { host: '127.0.0.1', headers: isolationHeaders },
  build: {
    target: 'es2022',
    // The DuckDB and Parquet WASM files are large by nature; they are served compressed.
    chunkSizeWarningLimit: 2048,
    assetsInlineLimit: 0,
  },
});
