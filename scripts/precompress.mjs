/**
 * Writes a `.gz` and a `.br` copy beside every large text or WASM file of a built folder,
 * once, at build time. scripts/serve.mjs (sirv) sends those copies to browsers that accept
 * them, so no request pays for compressing DuckDB's 34 MB WASM again (DESIGN.md §3:
 * serve `.wasm` compressed). Brotli quality 5 keeps the build a few seconds longer only
 * (measured here: 3.5 s for one 34 MB WASM, 6.2 MB out; gzip level 6: 2.8 s, 7.7 MB).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.map']);
/** Below this a compressed copy saves less than the headers it costs. */
const MIN_BYTES = 1024;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Every file under `dir`, recursively, as absolute paths. */
async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
}

/** Compresses the folder's large text and WASM files; returns how many files got copies. */
export async function precompressFolder(dir) {
  const files = (await listFiles(dir)).filter((f) => COMPRESSIBLE.has(extname(f)));
  let count = 0;
  // zlib's async calls run on libuv's thread pool, so the files compress side by side.
  await Promise.all(
    files.map(async (file) => {
      const body = await readFile(file);
      if (body.length < MIN_BYTES) return;
      const [gz, br] = await Promise.all([
        gzipAsync(body, { level: 6 }),
        brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      ]);
      await Promise.all([writeFile(`${file}.gz`, gz), writeFile(`${file}.br`, br)]);
      count++;
    }),
  );
  return count;
}

/** Vite plugin: precompress the output folder after the build has written it (public/ files included). */
export function precompressAssets() {
  let outDir = 'dist';
  return {
    name: 'pocket-lakehouse:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressFolder(outDir);
    },
  };
}
