import { describe, expect, it } from 'vitest';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { expandArchives } from './expandArchives';

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
    expect(problems[0].message).toMatch(/^fake\.zip \(byte 0\): this is not a zip archive/);
  });

  it('refuses to inflate past the cap (zip bomb) and says how big it would be', () => {
    const zeros = new Uint8Array(3 * 1024 ** 2);
    const bomb = zipSync({ 'a.csv': zeros, 'b.csv': zeros }, { level: 9 });
    expect(bomb.length).toBeLessThan(50_000);
    const { files, problems } = expandArchives([{ path: 'bomb.zip', bytes: bomb }], { maxInflatedBytes: 4 * 1024 ** 2 });
    expect(files).toEqual([]);
    expect(problems[0].message).toMatch(/bomb\.zip: the archive would inflate to 6 MB, more than the 4 MB allowed/);
  });

  it('checks a gzip against the cap too', () => {
    const gz = gzipSync(new Uint8Array(5 * 1024 ** 2));
    const { problems } = expandArchives([{ path: 'big.csv.gz', bytes: gz }], { maxInflatedBytes: 1024 ** 2 });
    expect(problems[0].message).toMatch(/big\.csv\.gz: the archive would inflate to 5 MB/);
  });
});
