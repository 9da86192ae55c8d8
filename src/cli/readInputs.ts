import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { isReadInPlace, isStreamable, type InputFile } from '../ingest/inputFile';
import type { IngestProblem } from '../ingest/ingestError';

/**
 * Reads CLI inputs into memory: files as given, folders recursively (sorted, hidden
 * files skipped), each named by its path relative to the folder's parent so that
 * `_source` reads `olist/olist_orders_dataset.csv`.
 */
export async function readInputs(args: string[], exclude?: string): Promise<{ files: InputFile[]; problems: IngestProblem[] }> {
  // A previous run's output inside an input folder is not input.
  const excluded = exclude ? resolve(exclude) : undefined;
  const files: InputFile[] = [];
  const problems: IngestProblem[] = [];
  for (const arg of args) {
    let info;
    try {
      info = await stat(arg);
    } catch {
      problems.push({ file: arg, message: 'no such file or folder.' });
      continue;
    }
    if (info.isDirectory()) {
      const root = join(arg, '..');
      for (const path of await walk(arg, excluded)) files.push(await inputFile(relative(root, path), path));
    } else {
      files.push(await inputFile(basename(arg), arg));
    }
  }
  return { files, problems };
}

/**
 * Dumps are streamed from disk (a dump can be larger than memory); CSVs are read in place
 * by the native engine (diskPath) and only their head is read here (the WASM engine reads
 * them whole when it loads them); the rest is read whole.
 */
async function inputFile(name: string, path: string): Promise<InputFile> {
  const inPlace = isReadInPlace(path);
  // diskPath: the native engine reads the file in place; absolute, so cwd does not matter.
  if (!isStreamable(path) && !inPlace) return { path: name, bytes: await readFile(path), diskPath: resolve(path) };
  const { size } = await stat(path);
  return {
    path: name,
    bytes: new Uint8Array(0),
    stream: { size, chunks: () => createReadStream(path, { highWaterMark: 4 << 20 }) },
    ...(inPlace && { diskPath: resolve(path) }),
  };
}

async function walk(dir: string, excluded?: string): Promise<string[]> {
  if (excluded && resolve(dir) === excluded) return [];
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path, excluded)));
    else if (e.isFile()) out.push(path);
  }
  return out;
}
