import { describe, expect, it } from 'vitest';
import { parseModelHeader } from '../../pipeline/modelHeader';
import { bundledModelFiles } from '../../pipeline/models/bundledModels';
import { LOGICAL_SOURCES } from '../recogniseSource';
import { changesKey, changeTarget, SOURCE_KEYS } from './changeSource';

describe('change records and the logical sources', () => {
  it('splits updates by the keys the silver models declare', () => {
    for (const source of Object.keys(LOGICAL_SOURCES)) {
      const model = bundledModelFiles.find((m) => m.path === `silver/${source}.sql`);
      expect(model, source).toBeDefined();
      expect(SOURCE_KEYS[source as keyof typeof SOURCE_KEYS], source).toEqual(parseModelHeader(model!.path, model!.sql).key);
    }
  });

  it('tells the source by columns first, then by the table name', () => {
    expect(changeTarget('anything', ['review_id', 'order_id', 'review_score'])).toEqual({ source: 'order_reviews', recognised: true });
    expect(changeTarget('olist_orders_dataset')).toEqual({ source: 'orders', recognised: true });
    expect(changeTarget('product_category_name_translation', ['x'])).toEqual({ source: 'category_translation', recognised: true });
    expect(changeTarget('Audit Log', ['id'])).toEqual({ source: 'audit_log', recognised: false });
    expect(changeTarget(undefined, [])).toBeUndefined();
  });

  it('sees a key change in any key column', () => {
    const row = (o: string, i: string) => new Map([['order_id', o], ['order_item_id', i], ['price', '1']]);
    expect(changesKey('order_items', row('a', '1'), row('a', '1'))).toBe(false);
    expect(changesKey('order_items', row('a', '1'), row('a', '2'))).toBe(true);
    expect(changesKey('order_items', row('a', '1'), row('b', '1'))).toBe(true);
    expect(changesKey('unknown_table', row('a', '1'), row('b', '1'))).toBe(false);
  });
});
