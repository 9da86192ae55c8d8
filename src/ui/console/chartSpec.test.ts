import { describe, expect, it } from 'vitest';
import { chartSpec, defaultChoice } from './chartSpec';

const columns = [
  { name: 'state', type: 'VARCHAR' },
  { name: 'revenue', type: 'DECIMAL(12,2)' },
  { name: 'month', type: 'DATE' },
  { name: 'orders', type: 'BIGINT' },
];

describe('chartSpec', () => {
  it('guesses a name along x and a number up y', () => {
    expect(defaultChoice(columns)).toEqual({ mark: 'bar', x: 'state', y: 'revenue' });
    expect(defaultChoice([columns[2]!, columns[3]!])).toEqual({ mark: 'line', x: 'month', y: 'orders' });
    expect(defaultChoice([])).toBeUndefined();
  });

  it('encodes the chosen columns by type, without aggregating, rows pushed into the view', () => {
    const spec = chartSpec({ mark: 'point', x: 'month', y: 'orders', color: 'state' }, columns) as Record<string, any>;
    expect(spec.data).toEqual({ name: 'rows' });
    expect(spec.mark.type).toBe('point');
    expect(spec.encoding.x).toEqual({ field: 'month', type: 'temporal', title: 'month' });
    expect(spec.encoding.y).toEqual({ field: 'orders', type: 'quantitative', title: 'orders' });
    expect(spec.encoding.color).toEqual({ field: 'state', type: 'nominal', title: 'state' });
    expect(JSON.stringify(spec)).not.toContain('aggregate');
    const bars = chartSpec({ mark: 'bar', x: 'state', y: 'revenue' }, columns) as Record<string, any>;
    expect(bars.encoding.x.sort).toBeNull();
    expect(() => chartSpec({ mark: 'bar', x: 'nope', y: 'revenue' }, columns)).toThrow(/no column "nope"/);
  });
});
