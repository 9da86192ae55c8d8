/**
 * The installable, offline app (vite-plugin-pwa, Workbox's generateSW): a manifest and a
 * service worker that precaches the app shell, the lazy chunks, the workers and the WASM
 * the app starts with, so that after one visit it starts, runs the demo and loads files
 * with no network. Nothing else is cached: user files never travel over the network, and
 * there is no runtime caching of any request.
 *
 * - Prompt-style updates: a new build's worker waits until the page asks it to take over
 *   (src/ui/shell/UpdatePrompt.tsx), so an open tab never mixes two builds.
 * - Registered from a bundled module (no inline script: the CSP forbids it).
 * - Only DuckDB's EH build (the default; DESIGN.md §3) is precached with its worker: the COI
 *   build, its workers and pthread worker are another ~35 MB that the app only uses with
 *   `?bundle=coi`; that choice still works online.
 * - The embed page (`?embed=…`) is never answered from the cache: its framing headers
 *   differ from the app's, and only the server sets them.
 */
export const pwaOptions = {
  registerType: 'prompt',
  injectRegister: false,
  // The icon is precached by the glob below already.
  includeManifestIcons: false,
  manifest: {
    name: 'Pocket Lakehouse',
    short_name: 'Lakehouse',
    description: 'An in-browser medallion lakehouse: dumps, Mongo exports and CSVs into bronze, silver and gold tables, offline.',
    start_url: '/?view=dashboard',
    scope: '/',
    display: 'standalone',
    background_color: '#f5f7fa',
    theme_color: '#1f4e79',
    icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  },
  workbox: {
    globPatterns: ['**/*.{html,js,css,svg,wasm}'],
    globIgnores: ['**/duckdb-coi*', '**/duckdb-mvp*', '**/duckdb-browser-coi*', '**/duckdb-browser-mvp*'],
    // duckdb-eh.wasm is ~34 MB (served compressed, ~8 MB on the wire).
    maximumFileSizeToCacheInBytes: 40 * 1024 * 1024,
    navigateFallback: '/index.html',
    // Only the app's own address (`/`, any query) is answered with the cached page; Workbox
    // matches these against path + query. Other paths go to the server as before.
    navigateFallbackAllowlist: [/^\/(\?.*)?$/],
    navigateFallbackDenylist: [/[?&]embed=/],
    cleanupOutdatedCaches: true,
    clientsClaim: false,
    skipWaiting: false,
  },
};
