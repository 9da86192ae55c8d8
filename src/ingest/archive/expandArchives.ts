import { unzipSync } from 'fflate';
import { formatBytes } from '../formatBytes';
import { IngestError, type SourcePosition } from '../ingestError';
import { baseName, extensionOf, type InputFile } from '../inputFile';
import { gunzipBounded } from './gunzipBounded';
import { zipOverruns } from './zipOverruns';

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
 * inputs still go through, and so does whatever a gzip cut short held before the cut.
 * Sizes are checked against the cap before inflating.
 */
export function expandArchives(inputs: InputFile[], options: ExpandOptions): Expanded {
  const files: InputFile[] = [];
  const problems: IngestError[] = [];
  let budget = options.maxInflatedBytes;
  const visit = (file: InputFile, depth: number): void => {
    const ext = extensionOf(file.path);
    if (ext !== 'zip' && ext !== 'gz') return void files.push(file);
    try {
      if (depth > 4) throw new IngestError(file.path, 'archives are nested more than 4 deep. Unpack the outer ones and load what they hold.');
      const inner = ext === 'zip' ? unzip(file, budget, options.maxInflatedBytes, problems) : gunzip(file, budget, options.maxInflatedBytes, problems);
      for (const f of inner) budget -= f.bytes.length;
      for (const f of inner) visit(f, depth + 1);
    } catch (error) {
      problems.push(error instanceof IngestError ? error : new IngestError(file.path, `cannot read the archive: ${(error as Error).message}`));
    }
  };
  for (const input of inputs) visit(input, 0);
  return { files, problems };
}

function unzip(file: InputFile, budget: number, cap: number, problems: IngestError[]): InputFile[] {
  const b = file.bytes;
  if (!(b[0] === 0x50 && b[1] === 0x4b)) {
    throw new IngestError(
      file.path,
      'this is not a zip archive (it does not start with "PK"). If it is a CSV or a dump that was renamed, give it back its real extension (.csv, .sql) and load it again.',
      { byteOffset: 0 },
    );
  }
  try {
    // First add up the sizes the archive declares, inflating nothing: a bomb is refused
    // before it takes any memory. fflate inflates each entry into a buffer of exactly its
    // declared size, so the declared total is also the most the archive can take.
    let declared = 0;
    let count = 0;
    const sizes = new Map<string, number>();
    unzipSync(b, {
      filter: (entry) => {
        if (!isJunk(entry.name)) (declared += entry.originalSize), count++, sizes.set(entry.name, entry.originalSize);
        return false;
      },
    });
    if (declared > budget) {
      throw tooLarge(file.path, `its directory declares ${count} files that would inflate to ${formatBytes(declared)}, more than`, cap, budget, { byteOffset: directoryOffset(b) });
    }
    // An entry longer than declared would be cut at its declared size: refuse it instead.
    const overruns = zipOverruns(b, sizes);
    for (const o of overruns) {
      problems.push(new IngestError(
        file.path,
        `its entry ${o.name} inflates to more than the ${o.declared.toLocaleString('en-US')} bytes the zip's directory declares for it: the archive is damaged or was made to mislead, ` +
          'and the end of that file would be lost, so it was not loaded (the other entries were). Unzip the archive with another tool and check the file, or get a fresh copy.',
        { byteOffset: o.byteOffset ?? 0 },
      ));
    }
    const refused = new Set(overruns.map((o) => o.name));
    const entries = unzipSync(b, { filter: (entry) => !isJunk(entry.name) && !refused.has(entry.name) });
    return Object.entries(entries)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, bytes]) => ({ path: `${file.path}/${name}`, bytes }));
  } catch (error) {
    if (error instanceof IngestError) throw error;
    // fflate's "invalid zip data": no end-of-directory record in the last 64 KiB.
    if (/invalid zip data/.test((error as Error).message)) {
      throw new IngestError(
        file.path,
        'the zip archive has no directory at its end: it is cut short (an interrupted download or copy?) or damaged. Get a complete copy and load it again.',
        { byteOffset: b.length },
      );
    }
    throw new IngestError(
      file.path,
      `the zip archive cannot be read (${(error as Error).message}): it is damaged or cut short, encrypted, or compressed with a method other than deflate. Unzip it with another tool and load the files, or get a fresh copy.`,
    );
  }
}

/**
 * A gzip file becomes the file inside it. One cut short (or damaged) still gives what it
 * held before the break — a dump's complete rows load — and the break is a problem.
 */
function gunzip(file: InputFile, budget: number, cap: number, problems: IngestError[]): InputFile[] {
  const b = file.bytes;
  if (!(b[0] === 0x1f && b[1] === 0x8b)) {
    throw new IngestError(
      file.path,
      'this is not a gzip file (it does not start with the gzip signature 1F 8B). If it was renamed, give it back its real extension and load it again.',
      { byteOffset: 0 },
    );
  }
  const inner = file.path.replace(/\.gz$/i, '');
  const { bytes, damage, overBudget } = gunzipBounded(b, budget);
  if (overBudget) throw tooLarge(file.path, 'by this point the gzip data inflates to more than', cap, budget, overBudget);
  if (damage) {
    const held = `The ${formatBytes(bytes.length)} before it were unpacked and loaded as ${baseName(inner)}`;
    problems.push(
      new IngestError(
        file.path,
        damage.reason === 'cut'
          ? `the gzip data ends before the compressed stream does: the file is cut short (an interrupted download or copy?). ${held}; get the complete file to load the rest.`
          : `the gzip data is damaged at or after this point (${damage.detail}). ${held}; get an undamaged copy to load the rest.`,
        { byteOffset: damage.byteOffset },
      ),
    );
  }
  return [{ path: inner, bytes }];
}

function isJunk(name: string): boolean {
  return name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(name);
}

function tooLarge(path: string, inflates: string, cap: number, budget: number, where: SourcePosition): IngestError {
  const together = budget < cap ? ' (together with the archives before it)' : '';
  return new IngestError(
    path,
    `${inflates} the ${formatBytes(cap)} that can be unpacked in memory${together}: a guard against zip bombs. If you trust it, unzip it yourself and load the unpacked files or folder instead.`,
    where,
  );
}

/** Where a zip's central directory starts (what lists the entries and their sizes), if it says. */
function directoryOffset(zip: Uint8Array): number | undefined {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = zip.length - 22; at >= 0 && zip.length - at <= 65_557; at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      const offset = view.getUint32(at + 16, true);
      return offset === 0xffffffff ? undefined : offset; // zip64 keeps it elsewhere
    }
  }
  return undefined;
}
