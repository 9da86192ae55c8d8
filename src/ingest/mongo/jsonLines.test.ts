import { describe, expect, it } from 'vitest';
import { jsonLines } from './jsonLines';

const utf8 = (s: string) => new TextEncoder().encode(s);
const lines = (bytes: Uint8Array) => [...jsonLines(bytes)];

describe('jsonLines', () => {
  it('gives each non-blank line with its line number, trimmed, CRLF and BOM handled', () => {
    expect(lines(utf8('\ufeff{"a":1}\r\n\n  {"a":"x\\"}"}  \n{"a":3}'))).toEqual([
      { text: '{"a":1}', start: 3, end: 10, line: 1 },
      { text: '{"a":"x\\"}"}', start: 15, end: 27, line: 3 },
      { text: '{"a":3}', start: 30, end: 37, line: 4 },
    ]);
  });

  it('keeps a damaged line to itself', () => {
    expect(lines(utf8('{"a": [1, {"b":\n{"a":2}\n')).map((l) => [l.text, l.line])).toEqual([
      ['{"a": [1, {"b":', 1],
      ['{"a":2}', 2],
    ]);
  });

  it('gives byte offsets, not character offsets, after non-ASCII text', () => {
    const bytes = utf8('{"s":"é€😀"}\n {"s":"x"}\n');
    const got = lines(bytes);
    expect(got.map((l) => l.text)).toEqual(['{"s":"é€😀"}', '{"s":"x"}']);
    expect(new TextDecoder().decode(bytes.subarray(got[1].start, got[1].end))).toBe('{"s":"x"}');
  });

  it('reports only the line with invalid UTF-8', () => {
    const bytes = new Uint8Array([...utf8('{"a":1}\n{"a":"'), 0xff, ...utf8('"}\n{"a":"é"}\n')]);
    expect(lines(bytes).map((l) => [l.text, l.line, l.start])).toEqual([
      ['{"a":1}', 1, 0],
      [undefined, 2, 8],
      ['{"a":"é"}', 3, 18],
    ]);
  });

  it('reads lines across decoding blocks, and lines longer than a block', () => {
    const long = `{"s":"${'x'.repeat(1_500_000)}"}`;
    const many = Array.from({ length: 40_000 }, (_, i) => `{"n":${i},"s":"é${i}"}`);
    const text = [...many, long, '{"n":"last"}'].join('\n');
    const bytes = utf8(text);
    const got = lines(bytes);
    expect(got.length).toBe(40_002);
    expect(got.map((l) => l.line)).toEqual(Array.from({ length: 40_002 }, (_, i) => i + 1));
    expect(got.every((l) => l.text === new TextDecoder().decode(bytes.subarray(l.start, l.end)))).toBe(true);
    expect(got[40_000].text).toBe(long);
  });
});
