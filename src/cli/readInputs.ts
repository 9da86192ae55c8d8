import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, basename } from 'node:path';
import type { InputFile } from '../ingest/inputFile';
import type { IngestProblem } from '../ingest/ingestError';

/**
 * Reads CLI inputs into memory: files as given, folders recursively (sorted, hidden
 * files skipped), each named by its path relative to the folder's parent so that
 * `_source` reads `olist/olist_orders_dataset.csv`.
 */
export async function readInputs(args: string[]): Promise<{ files: InputFile[]; problems: IngestProblem[] }> {
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
      for (const path of await walk(arg)) files.push({ path: relative(root, path), bytes: await readFile(path) });
    } else {
      files.push({ path: basename(arg), bytes: await readFile(arg) });
    }
  }
  return { files, problems };
}

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path)));
    else if (e.isFile()) out.push(path);
  }
  return out;
}
