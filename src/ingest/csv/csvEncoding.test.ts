import { describe, expect, it } from 'vitest';
import { csvAsUtf8, scanUtf8 } from './csvEncoding';

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
/** Windows-1252 bytes of a string (the characters used here only). */
const cp1252 = (s: string) => Uint8Array.from(s, (c) => ({ '“': 0x93, '”': 0x94, '€': 0x80 })[c] ?? c.charCodeAt(0));

describe('csvAsUtf8', () => {
  it('keeps UTF-8 as it is, BOM and all', () => {
    const bytes = utf8('\ufeffcity\nSão Paulo\n');
    expect(csvAsUtf8(bytes)).toEqual({ bytes, transcoded: false });
  });

  it('reads a file that is not UTF-8 as Windows-1252, and says where and how it read it', () => {
    const result = csvAsUtf8(cp1252('id,city\n1,Campinas\n2,São Paulo\n3,“Mogi” 5€\n'));
    expect(text(result.bytes)).toBe('id,city\n1,Campinas\n2,São Paulo\n3,“Mogi” 5€\n');
    expect(result.transcoded).toBe(true);
    expect(result.note).toBe(
      'the file is not UTF-8 (line 3, byte 22 holds 0xE3), so it was read as Windows-1252 (Latin-1): line 3 reads "2,São Paulo". ' +
        'If the text looks wrong, re-export the file as UTF-8 ("CSV UTF-8").',
    );
  });

  it('leaves UTF-8 with a broken byte as UTF-8, so that its good accents stay right', () => {
    const bytes = new Uint8Array([...utf8('id,city\n1,São Paulo\n2,Ribeirão\n3,bad '), 0xe3, ...utf8('\n')]);
    expect(csvAsUtf8(bytes)).toEqual({ bytes, transcoded: false });
  });

  it('converts UTF-16 with a byte order mark, either byte order', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...'a,b\nSão,1\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const be = new Uint8Array([0xfe, 0xff, ...[...'a,b\nSão,1\n'].flatMap((c) => [0, c.charCodeAt(0)])]);
    expect(text(csvAsUtf8(le).bytes)).toBe('a,b\nSão,1\n');
    expect(csvAsUtf8(le).note).toBe('the file is UTF-16 (little-endian), as its byte order mark says; it was converted to UTF-8.');
    expect(text(csvAsUtf8(be).bytes)).toBe('a,b\nSão,1\n');
  });

  it('leaves binary data (a NUL byte) alone for the header check to refuse', () => {
    const bytes = new Uint8Array([0x61, 0x0a, 0xff, 0x00, 0xfe]);
    expect(csvAsUtf8(bytes)).toEqual({ bytes, transcoded: false });
  });
});

describe('scanUtf8', () => {
  it('agrees with a strict TextDecoder on every short mix of edge bytes, at every alignment', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const pool = [0x41, 0x0a, 0x80, 0xbf, 0xc0, 0xc2, 0xc3, 0xa3, 0xdf, 0xe0, 0xa0, 0xe2, 0x9c, 0xed, 0x9f, 0xef, 0xf0, 0x90, 0xf4, 0x8f, 0xf5, 0xff];
    let seed = 1;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24);
    for (let t = 0; t < 20_000; t++) {
      const buf = Uint8Array.from({ length: 4 + (next() % 20) }, () => pool[next() % pool.length]!);
      const view = buf.subarray(t % 4);
      let valid = true;
      try {
        strict.decode(view);
      } catch {
        valid = false;
      }
      expect(scanUtf8(view).invalid === 0, [...view].map((b) => b.toString(16)).join(' ')).toBe(valid);
    }
  });

  it('counts valid sequences and finds the first invalid byte', () => {
    expect(scanUtf8(new Uint8Array([...utf8('aã€😀'), 0xe3, 0x6f, 0xc3]))).toEqual({ valid: 3, invalid: 2, firstInvalid: 10 });
  });
});
