import { describe, expect, it } from 'vitest';
import { hasLongDigitRun, protectBigIntegers } from './bigIntegerLiterals';

describe('hasLongDigitRun', () => {
  it('finds a run of 16 digits wherever it starts, and nothing shorter', () => {
    for (let at = 0; at < 40; at++) {
      expect(hasLongDigitRun(`${'x'.repeat(at)}${'7'.repeat(16)}y`), `at ${at}`).toBe(true);
      expect(hasLongDigitRun(`${'x'.repeat(at)}${'7'.repeat(15)}y${'7'.repeat(15)}`), `at ${at}`).toBe(false);
    }
  });
});

describe('protectBigIntegers', () => {
  it('makes integers beyond ±2^53 exact $numberLong, inside arrays and documents', () => {
    expect(protectBigIntegers('{"a":9007199254740993,"b":[-9223372036854775808],"c":{"d":9223372036854775807}}')).toBe(
      '{"a":{"$numberLong":"9007199254740993"},"b":[{"$numberLong":"-9223372036854775808"}],"c":{"d":{"$numberLong":"9223372036854775807"}}}',
    );
  });

  it('leaves safe integers, doubles, strings and numbers beyond int64 alone', () => {
    const untouched = [
      '{"a":9007199254740991,"b":-9007199254740991}',
      '{"a":12345678901234567.5,"b":1234567890123456789e3,"c":1.2345678921232E+18}',
      '{"id":"12345678901234567890","e":"\\"9007199254740993"}',
      '{"a":92233720368547758070}',
    ];
    for (const s of untouched) expect(protectBigIntegers(s)).toBe(s);
  });

  it('finds literals after any JSON whitespace, as in pretty output', () => {
    expect(protectBigIntegers('[\n\t9007199254740993,\r\n -9007199254740993\n]')).toBe('[\n\t{"$numberLong":"9007199254740993"},\r\n {"$numberLong":"-9007199254740993"}\n]');
  });

  it('handles the boundary 2^53 itself (it collides with 2^53 + 1 as a double)', () => {
    expect(protectBigIntegers('[9007199254740992]')).toBe('[{"$numberLong":"9007199254740992"}]');
  });
});
