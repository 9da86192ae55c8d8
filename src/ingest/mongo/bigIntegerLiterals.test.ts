import { describe, expect, it } from 'vitest';
import { protectBigIntegers } from './bigIntegerLiterals';

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

  it('handles the boundary 2^53 itself (it collides with 2^53 + 1 as a double)', () => {
    expect(protectBigIntegers('[9007199254740992]')).toBe('[{"$numberLong":"9007199254740992"}]');
  });
});
