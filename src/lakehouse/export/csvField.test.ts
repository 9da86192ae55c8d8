import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from './csvField';

describe('csvField (RFC 4180)', () => {
  it('leaves plain values bare and quotes what needs it', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('12.30')).toBe('12.30');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('keeps NULL and the empty string apart', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
  });

  it('ends a record with CRLF', () => {
    expect(csvRecord(['a', null, '', 'x"y'])).toBe('a,,"","x""y"\r\n');
  });
});
