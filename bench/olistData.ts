import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOlist } from '../src/demo/generateOlist';
import type { InputFile } from '../src/ingest/inputFile';

/** The generated Olist CSVs at scale `sf`, written to a temp folder (for the file input) and kept in memory. */
export async function writeOlist(sf: number): Promise<{ dir: string; files: InputFile[] }> {
  const dir = join(tmpdir(), `pocket-lakehouse-bench-sf${sf}`);
  await mkdir(dir, { recursive: true });
  const files: InputFile[] = [];
  for (const f of generateOlist({ sf })) {
    await writeFile(join(dir, f.name), f.bytes);
    files.push({ path: f.name, bytes: f.bytes });
  }
  const mb = files.reduce((n, f) => n + f.bytes.length, 0) / 1024 ** 2;
  console.log(`data: sf=${sf}, ${files.length} files, ${mb.toFixed(1)} MB in ${dir}`);
  return { dir, files };
}
