import { closeSync, createReadStream, existsSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OLIST_FILE_NAMES, streamOlist } from '../src/demo/generateOlist';
import type { InputFile } from '../src/ingest/inputFile';

/** Above this sf the files are not held in memory: they are streamed from disk. */
const IN_MEMORY_UP_TO_SF = 3;

/**
 * The generated Olist CSVs at scale `sf`, written (streamed) to a temp folder for the file
 * input and kept there: a folder finished once (its `.complete` marker) is reused, the
 * generator being deterministic. Up to sf 3 the files are also returned in memory; above,
 * as streams from disk (the CLI's way), so that sf 10 never needs 1.2 GB here.
 */
export async function writeOlist(sf: number): Promise<{ dir: string; files: InputFile[] }> {
  const dir = join(tmpdir(), `pocket-lakehouse-bench-sf${sf}`);
  await mkdir(dir, { recursive: true });
  const marker = join(dir, '.complete');
  if (!existsSync(marker)) {
    const fds = new Map<string, number>();
    try {
      streamOlist({ sf }, (name, bytes) => {
        let fd = fds.get(name);
        if (fd === undefined) fds.set(name, (fd = openSync(join(dir, name), 'w')));
        writeSync(fd, bytes);
      });
    } finally {
      for (const fd of fds.values()) closeSync(fd);
    }
    writeFileSync(marker, `sf ${sf}, default seed\n`);
  }
  const files: InputFile[] = [];
  for (const name of OLIST_FILE_NAMES) {
    const path = join(dir, name);
    if (sf <= IN_MEMORY_UP_TO_SF) files.push({ path: name, bytes: new Uint8Array(await readFile(path)) });
    else {
      const { size } = await stat(path);
      files.push({ path: name, bytes: new Uint8Array(0), stream: { size, chunks: () => createReadStream(path, { highWaterMark: 4 << 20 }) } });
    }
  }
  const mb = (await Promise.all(files.map((f) => stat(join(dir, f.path))))).reduce((n, s) => n + s.size, 0) / 1024 ** 2;
  console.log(`data: sf=${sf}, ${files.length} files, ${mb.toFixed(1)} MB in ${dir}`);
  return { dir, files };
}
