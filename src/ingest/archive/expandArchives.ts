import { gunzipSync, unzipSync } from 'fflate';
import { IngestError } from '../ingestError';
import { extensionOf, type InputFile } from '../inputFile';

export interface ExpandOptions {
  /** The most bytes all archives together may inflate to (a zip bomb guard). */
  maxInflatedBytes: number;
}

export interface Expanded {
  files: InputFile[];
  problems: IngestError[];
}

/** 2 GiB: more than DuckDB-WASM could hold next to it anyway (~3 GiB limit). */
export const DEFAULT_MAX_INFLATED_BYTES = 2 * 1024 ** 3;

/**
 * Replaces `.zip` and `.gz` inputs by the files inside them (recursively), paths kept
 * as `archive.zip/inner.csv`. A damaged archive becomes a problem naming it; the other
 * inputs still go through. Sizes are checked against the cap before inflating.
 */
export function expandArchives(inputs: InputFile[], options: ExpandOptions): Expanded {
  const files: InputFile[] = [];
  const problems: IngestError[] = [];
  let budget = options.maxInflatedBytes;
  const visit = (file: InputFile, depth: number): void => {
    const ext = extensionOf(file.path);
    if (ext !== 'zip' && ext !== 'gz') return void files.push(file);
    try {
      if (depth > 4) throw new IngestError(file.path, 'archives are nested more than 4 deep; unpack it first.');
      const inner = ext === 'zip' ? unzip(file, budget) : gunzip(file, budget);
      for (const f of inner) budget -= f.bytes.length;
      for (const f of inner) visit(f, depth + 1);
    } catch (error) {
      problems.push(error instanceof IngestError ? error : new IngestError(file.path, `cannot read the archive: ${(error as Error).message}`));
    }
  };
  for (const input of inputs) visit(input, 0);
  return { files, problems };
}

function unzip(file: InputFile, budget: number): InputFile[] {
  const b = file.bytes;
  if (!(b[0] === 0x50 && b[1] === 0x4b)) {
    throw new IngestError(file.path, 'this is not a zip archive (it does not start with "PK"). Was it renamed?', { byteOffset: 0 });
  }
  let total = 0;
  const entries = unzipSync(b, {
    filter: (entry) => {
      if (isJunk(entry.name)) return false;
      total += entry.originalSize;
      if (total > budget) throw tooLarge(file.path, total, budget);
      return true;
    },
  });
  return Object.entries(entries)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, bytes]) => ({ path: `${file.path}/${name}`, bytes }));
}

function gunzip(file: InputFile, budget: number): InputFile[] {
  const b = file.bytes;
  if (!(b[0] === 0x1f && b[1] === 0x8b)) {
    throw new IngestError(file.path, 'this is not a gzip file (wrong magic bytes). Was it renamed?', { byteOffset: 0 });
  }
  // ISIZE (the last 4 bytes) is the inflated size modulo 2^32: a cheap first guard.
  const declared = b.length >= 4 ? new DataView(b.buffer, b.byteOffset + b.length - 4).getUint32(0, true) : 0;
  if (declared > budget) throw tooLarge(file.path, declared, budget);
  const bytes = gunzipSync(b);
  if (bytes.length > budget) throw tooLarge(file.path, bytes.length, budget);
  return [{ path: file.path.replace(/\.gz$/i, ''), bytes }];
}

function isJunk(name: string): boolean {
  return name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(name);
}

function tooLarge(path: string, size: number, budget: number): IngestError {
  const mb = (n: number) => `${Math.round(n / 1024 ** 2)} MB`;
  return new IngestError(
    path,
    `the archive would inflate to ${mb(size)}, more than the ${mb(budget)} allowed. Unpack it and load fewer files, or use the CLI with --engine native.`,
  );
}
