import { describe, expect, it } from 'vitest';
import { isFormulaFreeType, neutraliseFormula } from './spreadsheetSafe';

describe('neutraliseFormula (OWASP CSV injection)', () => {
  it('makes every formula start text', () => {
    for (const [cell, safe] of [
      ['=cmd|\' /C calc\'!A0', '\'=cmd|\' /C calc\'!A0'],
      ['=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'],
      ['+1+cmd|x', "'+1+cmd|x"],
      ['-2+3+cmd|\' /C calc\'!A0', '\'-2+3+cmd|\' /C calc\'!A0'],
      ['@SUM(1+1)*cmd|x', "'@SUM(1+1)*cmd|x"],
      ['\t=1+1', "'\t=1+1"],
      ['\r=1+1', "'\r=1+1"],
      ['-', "'-"],
      ['--', "'--"],
    ])
      expect(neutraliseFormula(cell), JSON.stringify(cell)).toBe(safe);
  });

  it('leaves other text and plain signed numbers as they are', () => {
    for (const cell of ['plain', 'a=b', ' =padded', "'already", '', '-12.5', '+3', '-0.01', '1e-3', '-.5', '-1E+10', 'São Paulo'])
      expect(neutraliseFormula(cell), JSON.stringify(cell)).toBe(cell);
  });
});

describe('isFormulaFreeType', () => {
  it('trusts the text of numbers, booleans, dates, times, intervals and UUIDs', () => {
    for (const t of ['INTEGER', 'BIGINT', 'HUGEINT', 'UBIGINT', 'DOUBLE', 'FLOAT', 'DECIMAL(12,2)', 'DECIMAL(18, 3)', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'TIMESTAMP_NS', 'TIMESTAMP WITH TIME ZONE', 'TIME', 'INTERVAL', 'UUID'])
      expect(isFormulaFreeType(t), t).toBe(true);
  });

  it('checks text, bytes and nested values cell by cell', () => {
    for (const t of ['VARCHAR', 'BLOB', 'VARCHAR[]', 'INTEGER[]', 'STRUCT(a INTEGER)', 'MAP(VARCHAR, INTEGER)', "ENUM('a', 'b')", 'JSON', 'BIT'])
      expect(isFormulaFreeType(t), t).toBe(false);
  });
});
