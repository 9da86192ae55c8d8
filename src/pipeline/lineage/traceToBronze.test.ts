import { describe, expect, it } from 'vitest';
import { LineageError } from './scope';
import { traceToBronze } from './traceToBronze';

const col = (table: string, column: string) => ({ table, column });

describe('traceToBronze', () => {
  it('replaces model columns by their sources until only bronze is left, sorted and once each', () => {
    const traced = traceToBronze({
      'gold.facts': { revenue: [col('silver.items', 'price'), col('silver.items', 'freight')], n: [] },
      'gold.summary': { total: [col('gold.facts', 'revenue'), col('silver.items', 'Price')] },
      'silver.items': {
        price: [col('bronze.order_items', 'price')],
        freight: [col('bronze.order_items', 'freight_value'), col('bronze.order_items', 'price')],
      },
    });
    expect(traced['gold.summary'].total).toEqual({
      direct: [col('gold.facts', 'revenue'), col('silver.items', 'Price')],
      bronze: [col('bronze.order_items', 'freight_value'), col('bronze.order_items', 'price')],
    });
    expect(traced['gold.facts'].n).toEqual({ direct: [], bronze: [] });
    expect(Object.keys(traced['silver.items'])).toEqual(['price', 'freight']);
  });

  it('fails on a column a model does not have, and on a cycle', () => {
    expect(() => traceToBronze({ 'gold.a': { x: [col('silver.b', 'y')] }, 'silver.b': { z: [] } })).toThrow(LineageError);
    expect(() => traceToBronze({ 'gold.a': { x: [col('gold.b', 'y')] }, 'gold.b': { y: [col('gold.a', 'x')] } })).toThrow(/cycle/);
  });
});
