import { describe, expect, it } from 'vitest';
import { detectJsonLayout, splitJsonDocuments, type JsonChunk } from './jsonDocumentSplitter';

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (bytes: Uint8Array, c: JsonChunk) => new TextDecoder().decode(bytes.subarray(c.start, c.end));
const split = (s: string) => {
  const bytes = utf8(s);
  return [...splitJsonDocuments(bytes)].map((c) => ({ text: text(bytes, c), line: c.line, ...(c.problem && { problem: c.problem }) }));
};

describe('detectJsonLayout', () => {
  it.each([
    ['{"a":1}\n{"a":2}\n', 'lines'],
    ['\ufeff{"a":1}', 'lines'],
    ['  [ {"a":1} ]', 'array'],
    ['{\n\t"a" : 1\n}\n{\n\t"a" : 2\n}\n', 'concatenated'],
    ['{ \r\n"a": 1}', 'concatenated'],
    ['', 'lines'],
  ])('%j is %s', (input, layout) => {
    expect(detectJsonLayout(utf8(input))).toBe(layout);
  });
});

describe('splitJsonDocuments (array and pretty layouts)', () => {
  it('splits a compact --jsonArray, braces and brackets inside strings included', () => {
    expect(split('[{"a":"}]"},{"b":[{"c":"\\\\"}]},{}]')).toEqual([
      { text: '{"a":"}]"}', line: 1 },
      { text: '{"b":[{"c":"\\\\"}]}', line: 1 },
      { text: '{}', line: 1 },
    ]);
  });

  it('splits a pretty --jsonArray with the line each document starts on', () => {
    const pretty = '[\n  {\n    "a": 1,\n    "s": "x\\ny"\n  },\n  {\n    "a": 2\n  }\n]\n';
    expect(split(pretty)).toEqual([
      { text: '{\n    "a": 1,\n    "s": "x\\ny"\n  }', line: 2 },
      { text: '{\n    "a": 2\n  }', line: 6 },
    ]);
  });

  it('splits pretty documents written one after another (mongoexport --pretty)', () => {
    expect(split('{\n\t"a": 1\n}\n{\n\t"b": {"c": 2}\n}\n')).toEqual([
      { text: '{\n\t"a": 1\n}', line: 1 },
      { text: '{\n\t"b": {"c": 2}\n}', line: 4 },
    ]);
  });

  it('reports what is not a document in an array, and goes on', () => {
    expect(split('[{"a":1}, 42, "x", [1], null, {"a":2}]')).toEqual([
      { text: '{"a":1}', line: 1 },
      { text: '42', line: 1, problem: 'not a document (expected a JSON object)' },
      { text: '"x"', line: 1, problem: 'not a document (expected a JSON object)' },
      { text: '[1]', line: 1, problem: 'not a document (expected a JSON object)' },
      { text: 'null', line: 1, problem: 'not a document (expected a JSON object)' },
      { text: '{"a":2}', line: 1 },
    ]);
  });

  it('reports a truncated array: the cut document and the missing bracket', () => {
    expect(split('[\n{"a":1},\n{"a": "tru')).toEqual([
      { text: '{"a":1}', line: 2 },
      { text: '{"a": "tru', line: 3, problem: 'the file ends inside a string: the document is truncated' },
      { text: '', line: 3, problem: "the JSON array is not closed with ']': the file may be truncated" },
    ]);
    expect(split('[{"a":1},{"b":{"c":1}')).toEqual([
      { text: '{"a":1}', line: 1 },
      { text: '{"b":{"c":1}', line: 1, problem: 'the file ends inside a document: it is truncated' },
      { text: '', line: 1, problem: "the JSON array is not closed with ']': the file may be truncated" },
    ]);
  });

  it('ends a document at a mismatched bracket and resynchronises on the next one', () => {
    expect(split('[{"a":[1,2}, {"b":1}]')).toEqual([
      { text: '{"a":[1,2}', line: 1, problem: "mismatched '}': the document is malformed" },
      { text: '{"b":1}', line: 1 },
    ]);
  });

  it('reports text after the closing bracket', () => {
    expect(split('[{"a":1}]\ngarbage')).toEqual([
      { text: '{"a":1}', line: 1 },
      { text: 'garbage', line: 2, problem: 'text after the end of the JSON array' },
    ]);
  });

  it('finds nothing in an empty array or an empty file', () => {
    expect(split('[]')).toEqual([]);
    expect(split('')).toEqual([]);
    expect(split('\n\n')).toEqual([]);
  });
});
