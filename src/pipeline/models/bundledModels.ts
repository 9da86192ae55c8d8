import type { ModelFile } from '../model';

/**
 * The model files shipped with the app, read at build time by Vite (and by Vitest), so
 * the browser worker has them without a request. The CLI reads them from disk instead.
 */
const files = import.meta.glob('./{silver,gold}/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const bundledModelFiles: ModelFile[] = Object.entries(files)
  .map(([path, sql]) => ({ path: path.replace(/^\.\//, ''), sql }))
  .sort((a, b) => a.path.localeCompare(b.path));
