import { describe, expect, it } from 'vitest';
import { parseFilter } from './parseFilter';

const text = { name: 'city', type: 'VARCHAR' };
const money = { name: 'price', type: 'DECIMAL(12,2)' };
const when = { name: 'at', type: 'TIMESTAMP' };
const flag = { name: 'late', type: 'BOOLEAN' };

describe('parseFilter', () => {
  it('reads text boxes as contains, =exact, null and not null', () => {
    expect(parseFilter('  ', text)).toEqual({});
    expect(parseFilter('São', text)).toEqual({ filter: { column: 'city', op: 'contains', value: 'São' } });
    expect(parseFilter('=Rio', text)).toEqual({ filter: { column: 'city', op: 'equals', value: 'Rio' } });
    expect(parseFilter('null', text)).toEqual({ filter: { column: 'city', op: 'isNull' } });
    expect(parseFilter('NOT NULL', text)).toEqual({ filter: { column: 'city', op: 'notNull' } });
  });

  it('reads numbers and times as values, bounds and ranges', () => {
    expect(parseFilter('12.5', money)).toEqual({ filter: { column: 'price', op: 'equals', value: '12.5' } });
    expect(parseFilter('>= 10', money)).toEqual({ filter: { column: 'price', op: 'range', min: '10' } });
    expect(parseFilter('<=10', money)).toEqual({ filter: { column: 'price', op: 'range', max: '10' } });
    expect(parseFilter('5..20', money)).toEqual({ filter: { column: 'price', op: 'range', min: '5', max: '20' } });
    expect(parseFilter('2018-01-01..', when)).toEqual({ filter: { column: 'at', op: 'range', min: '2018-01-01' } });
    expect(parseFilter('>5', money).error).toMatch(/>= or <=/);
    expect(parseFilter('..', money).error).toMatch(/lower or an upper bound/);
  });

  it('reads booleans as true or false only', () => {
    expect(parseFilter('TRUE', flag)).toEqual({ filter: { column: 'late', op: 'equals', value: 'true' } });
    expect(parseFilter('yes', flag).error).toMatch(/true or false/);
  });
});
