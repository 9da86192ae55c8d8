import { describe, expect, it } from 'vitest';
import { lineageOf } from '../../pipeline/lineage/lineageFile';
import { bronzeEnds, lineagePath, type LineageNode } from './lineagePath';

const files = (t: string) => [`demo/olist_${t}_dataset.csv`];
const show = (n: LineageNode, depth = 0): string[] => [`${'  '.repeat(depth)}${n.table}.${n.column}${n.files ? ` <- ${n.files.join(', ')}` : ''}`, ...n.sources.flatMap((s) => show(s, depth + 1))];

describe('lineagePath', () => {
  it('follows a gold column through every model back to bronze columns and their files', () => {
    const path = lineagePath('gold.customer_ltv', 'revenue', files)!;
    expect(show(path)).toEqual([
      'gold.customer_ltv.revenue',
      '  gold.order_facts.revenue',
      '    silver.order_items.freight_value',
      '      bronze.order_items.freight_value <- demo/olist_order_items_dataset.csv',
      '    silver.order_items.price',
      '      bronze.order_items.price <- demo/olist_order_items_dataset.csv',
    ]);
  });

  it('ends at the same bronze columns as the derived lineage, for every column of gold.rfm', () => {
    for (const column of ['customer_unique_id', 'recency_days', 'monetary', 'segment']) {
      const ends = bronzeEnds(lineagePath('gold.rfm', column, files)!).map((n) => ({ table: n.table, column: n.column }));
      expect(ends.sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`)), column).toEqual(lineageOf('gold.rfm', column)!.bronze);
    }
  });

  it('knows nothing of a column lineage does not know', () => {
    expect(lineagePath('gold.rfm', 'no_such_column', files)).toBeUndefined();
    expect(lineagePath('bronze.orders', 'order_id', files)).toBeUndefined();
  });
});
