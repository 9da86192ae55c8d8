import { describe, expect, it } from 'vitest';
import { generateOlist, streamOlist } from './generateOlist';
import { byName, tables } from './testing/olistTables';

// Above MAX_PART_SF the data is generated in parts appended to the same nine files; here at
// a small sf with a small part size, so that the test runs in seconds.
const SF = 0.02;
const PARTS = { sf: SF, maxPartSf: 0.005 }; // four parts

describe('streamOlist in parts', () => {
  const files = generateOlist(PARTS);
  const t = tables(files);

  it('writes the same nine files, each with one header line', () => {
    expect(files.map((f) => f.name)).toEqual(generateOlist({ sf: SF }).map((f) => f.name));
    const text = new TextDecoder().decode(byName(files)['olist_orders_dataset.csv']!.bytes);
    expect(text.split('"order_id"').length - 1).toBe(1);
  });

  it('gives unique ids across parts and about sf x the real counts', () => {
    const ids = t.orders.column('order_id');
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.abs(ids.length - 99441 * SF)).toBeLessThan(99441 * SF * 0.02);
    const products = t.products.column('product_id');
    expect(new Set(products).size).toBe(products.length);
    // Every item's order and product exist (no part refers to another part's rows).
    const orders = new Set(ids);
    const known = new Set(products);
    for (const item of t.items.records) {
      expect(orders.has(item.order_id!)).toBe(true);
      expect(known.has(item.product_id!)).toBe(true);
    }
  });

  it('is deterministic, and streams chunks of at most about a megabyte', () => {
    const again = byName(generateOlist(PARTS));
    for (const f of files) expect(Buffer.compare(Buffer.from(f.bytes), Buffer.from(again[f.name]!.bytes)), f.name).toBe(0);
    let largest = 0;
    streamOlist({ sf: 0.2 }, (_, bytes) => (largest = Math.max(largest, bytes.length)));
    expect(largest).toBeLessThan(4 << 20);
  });
});
