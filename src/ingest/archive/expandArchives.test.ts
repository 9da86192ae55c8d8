import { describe, expect, it } from 'vitest';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { overlappingZipBomb } from '../../testing/overlappingZipBomb';
import { DEFAULT_MAX_INFLATED_BYTES, expandArchives } from './expandArchives';

const CAP = { maxInflatedBytes: 10 * 1024 ** 2 };

describe('expandArchives', () => {
  it('replaces a zip by its files, sorted, with archive paths, skipping folders and macOS junk', () => {
    const zip = zipSync({
      'data/b.csv': strToU8('b\n1\n'),
      'data/a.csv': strToU8('a\n1\n'),
      '__MACOSX/data/._a.csv': strToU8('junk'),
    });
    const { files, problems } = expandArchives([{ path: 'olist.zip', bytes: zip }, { path: 'c.csv', bytes: strToU8('c\n') }], CAP);
    expect(problems).toEqual([]);
    expect(files.map((f) => f.path)).toEqual(['olist.zip/data/a.csv', 'olist.zip/data/b.csv', 'c.csv']);
    expect(new TextDecoder().decode(files[0].bytes)).toBe('a\n1\n');
  });

  it('gunzips .csv.gz and zips inside zips', () => {
    const inner = zipSync({ 'x.csv.gz': gzipSync(strToU8('x\n42\n')) });
    const { files } = expandArchives([{ path: 'outer.zip', bytes: zipSync({ 'inner.zip': inner }) }], CAP);
    expect(files.map((f) => f.path)).toEqual(['outer.zip/inner.zip/x.csv']);
    expect(new TextDecoder().decode(files[0].bytes)).toBe('x\n42\n');
  });

  it('reports a text file named .zip without stopping the other files', () => {
    const { files, problems } = expandArchives(
      [{ path: 'fake.zip', bytes: strToU8('hello') }, { path: 'ok.csv', bytes: strToU8('a\n') }],
      CAP,
    );
    expect(files.map((f) => f.path)).toEqual(['ok.csv']);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^fake\.zip \(byte 0\): this is not a zip archive .* give it back its real extension/);
  });

  it('refuses to inflate past the cap (zip bomb), says the cap and what to do, and inflates nothing first', () => {
    const zeros = new Uint8Array(3 * 1024 ** 2);
    const bomb = zipSync({ 'a.csv': zeros, 'b.csv': zeros }, { level: 9 });
    expect(bomb.length).toBeLessThan(50_000);
    const { files, problems } = expandArchives([{ path: 'bomb.zip', bytes: bomb }], { maxInflatedBytes: 4 * 1024 ** 2 });
    expect(files).toEqual([]);
    const directory = bomb.length - 22 - 2 * (46 + 'a.csv'.length);
    expect(problems[0].message).toBe(
      `bomb.zip (byte ${directory}): its directory declares 2 files that would inflate to 6 MiB, more than the 4 MiB that can be unpacked in memory: a guard against zip bombs. ` +
        'If you trust it, unzip it yourself and load the unpacked files or folder instead.',
    );
  });

  it('refuses a bomb of overlapping entries before inflating any of them', () => {
    // 800 directory entries pointing at one 3 MiB entry: 2.3 GiB declared, a few KiB on disk.
    const bomb = overlappingZipBomb(800, 3 * 1024 ** 2);
    expect(bomb.length).toBeLessThan(100_000);
    const started = performance.now();
    const { files, problems } = expandArchives([{ path: 'bomb.zip', bytes: bomb }], { maxInflatedBytes: DEFAULT_MAX_INFLATED_BYTES });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(files).toEqual([]);
    expect(problems[0].message).toMatch(/^bomb\.zip \(byte \d+\): its directory declares 800 files that would inflate to 2\.3 GiB, more than the 2 GiB that can be unpacked in memory/);
  });

  it('checks a gzip against the cap while inflating, whatever its trailer claims', () => {
    const gz = gzipSync(new Uint8Array(5 * 1024 ** 2));
    const { problems } = expandArchives([{ path: 'big.csv.gz', bytes: gz }], { maxInflatedBytes: 1024 ** 2 });
    expect(problems[0].message).toMatch(/^big\.csv\.gz \(byte \d+\): by this point the gzip data inflates to more than the 1 MiB that can be unpacked in memory: a guard against zip bombs\. If you trust it, unzip it yourself/);
    // The trailer holds the size modulo 4 GiB: a lie there must not get past the cap.
    const lying = gz.slice();
    new DataView(lying.buffer).setUint32(lying.length - 4, 10, true);
    expect(expandArchives([{ path: 'lying.csv.gz', bytes: lying }], { maxInflatedBytes: 1024 ** 2 }).problems[0].message).toMatch(/inflates to more than the 1 MiB/);
  });

  it('loads what a gzip cut short held before the cut, and names the byte where it ends', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `row ${i},${i * 7}\n`).join('');
    const gz = gzipSync(strToU8(text), { mtime: 0 });
    const cut = gz.subarray(0, gz.length >> 1);
    const { files, problems } = expandArchives([{ path: 'rows.csv.gz', bytes: cut }], CAP);
    expect(files.map((f) => f.path)).toEqual(['rows.csv']);
    const got = new TextDecoder().decode(files[0].bytes);
    expect(got.length).toBeGreaterThan(1000);
    expect(text.startsWith(got)).toBe(true);
    expect(problems).toHaveLength(1);
    expect(problems[0].toJSON()).toEqual({
      file: 'rows.csv.gz',
      byteOffset: cut.length,
      message: expect.stringMatching(/^the gzip data ends before the compressed stream does: the file is cut short .* get the complete file to load the rest\.$/),
    });
  });

  it('finds every cut of a gzip, also those fflate passes over in silence', () => {
    const gz = gzipSync(strToU8(Array.from({ length: 500 }, (_, i) => `${i},x\n`).join('')), { mtime: 0 });
    const missed: number[] = [];
    for (let cut = 2; cut < gz.length; cut++) {
      if (expandArchives([{ path: 'a.csv.gz', bytes: gz.subarray(0, cut) }], CAP).problems.length !== 1) missed.push(cut);
    }
    expect(missed).toEqual([]);
  });

  it('reads every member of a multi-member gzip (cat a.gz b.gz)', () => {
    const gz = new Uint8Array([...gzipSync(strToU8('a\n1\n')), ...gzipSync(strToU8('2\n'))]);
    const { files, problems } = expandArchives([{ path: 'a.csv.gz', bytes: gz }], CAP);
    expect(problems).toEqual([]);
    expect(new TextDecoder().decode(files[0].bytes)).toBe('a\n1\n2\n');
  });

  it('says a zip without its end is cut short, naming the byte where it ends', () => {
    const zip = zipSync({ 'a.csv': strToU8('a\n1\n'.repeat(1000)) });
    const cut = zip.subarray(0, zip.length - 30);
    const { problems } = expandArchives([{ path: 'cut.zip', bytes: cut }], CAP);
    expect(problems[0].message).toBe(
      `cut.zip (byte ${cut.length}): the zip archive has no directory at its end: it is cut short (an interrupted download or copy?) or damaged. Get a complete copy and load it again.`,
    );
  });
});
