import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../changeRecord';
import { parseDebezium } from './parseDebezium';
import { decimalText } from './debeziumValues';

/** Real Debezium 3.6.1 events (fixtures/cdc/README.md: the workload and how they were made). */
const FIXTURES = join(import.meta.dirname, '../../../../fixtures/cdc');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const row = (r: ChangeRecord, image: 'before' | 'after' = 'after') => Object.fromEntries(r[image]!);

describe('Debezium change events', () => {
  const wrapped = parseDebezium(read('debezium-schema.jsonl'));

  it('reads every event of the schema-wrapped dump, tombstones passed over', () => {
    expect(wrapped.problems).toEqual([]);
    expect(wrapped.changes).toHaveLength(26);
    expect(wrapped.notes.join(' ')).toMatch(/5 empty line/);
    const ops = wrapped.changes.map((c) => c.op).join('');
    expect(ops.slice(0, 10)).toBe('rrrrrrrrrr'); // the snapshot of the seed
    expect(new Set(ops.slice(10))).toEqual(new Set(['c', 'u', 'd']));
    expect(wrapped.changes.map((c) => c.table)).toContain('order_reviews');
    expect(wrapped.changes.every((c) => c.database === 'olist_cdc')).toBe(true);
  });

  it('turns Debezium types into the text a dump gives', () => {
    const items = wrapped.changes.filter((c) => c.table === 'order_items' && c.op === 'r').map((c) => row(c));
    expect(items[0]).toEqual({
      order_id: 'a0000000000000000000000000000001', order_item_id: '1', product_id: 'p0000000000000000000000000000001',
      seller_id: 's0000000000000000000000000000001', shipping_limit_date: '2018-01-06 10:56:33', price: '58.90', freight_value: '13.29',
    });
    expect(items.map((i) => i.price)).toEqual(['58.90', '0.85', '99999999.99', '19.90']); // Decimal bytes, scale 2 from the schema
    expect(items.map((i) => i.freight_value)).toContain('0.00');
    const review = wrapped.changes.find((c) => c.table === 'order_reviews' && c.op === 'r')!;
    expect(row(review)).toMatchObject({ review_score: '5', review_creation_date: '2018-01-10 00:00:00', review_answer_timestamp: '2018-01-11 09:30:00', review_comment_message: null });
    const created = wrapped.changes.find((c) => c.table === 'order_reviews' && c.op === 'c' && c.after!.get('review_id')!.endsWith('4'))!;
    expect(row(created).review_comment_message).toBe('ótimo, São Paulo 😀');
    const firstOrder = wrapped.changes.find((c) => c.table === 'orders')!;
    expect(row(firstOrder)).toMatchObject({ order_status: 'shipped', order_purchase_timestamp: '2018-01-02 10:56:33', order_delivered_customer_date: null });
  });

  it('gives updates both images and deletes the before image, with the change time', () => {
    const update = wrapped.changes.find((c) => c.op === 'u' && c.table === 'orders')!;
    expect(row(update, 'before').order_status).toBe('shipped');
    expect(row(update).order_status).toBe('delivered');
    expect(row(update).order_delivered_customer_date).toBe('2018-01-09 17:45:00');
    const line = read('debezium-schema.jsonl').split('\n')[update.line - 1]!;
    expect(update.changeAt).toBe(new Date(JSON.parse(line).payload.source.ts_ms).toISOString().replace('T', ' ').replace(/\.000Z$/, ''));
    const deleted = wrapped.changes.filter((c) => c.op === 'd');
    expect(deleted.every((d) => d.after === null && d.before !== null)).toBe(true);
    // Debezium itself writes a primary-key change as a delete and a create.
    expect(deleted.map((d) => row(d, 'before').order_id)).toContain('a0000000000000000000000000000002');
  });

  it('reads the same events without the schema wrapper, except precise decimals', () => {
    const bare = parseDebezium(read('debezium.jsonl'));
    expect(bare.changes.length + bare.problems.length).toBe(26);
    // order_items carry DECIMAL bytes whose scale only the schema gives: refused, with why.
    expect(bare.problems.length).toBeGreaterThan(0);
    expect(bare.problems.every((p) => p.table === 'order_items' && /schemas\.enable=true.*decimal\.handling\.mode=string/.test(p.reason))).toBe(true);
    const withSchema = wrapped.changes.filter((c) => c.table !== 'order_items');
    expect(bare.changes.map((c) => [c.op, c.table, c.line, c.changeAt, c.before && row(c, 'before'), c.after && row(c)]))
      .toEqual(withSchema.map((c) => [c.op, c.table, c.line, c.changeAt, c.before && row(c, 'before'), c.after && row(c)]));
  });

  it('refuses records it cannot read whole, naming the line, and reads the rest', () => {
    const good = '{"before":null,"after":{"order_id":"o1","customer_id":"c1","order_status":"created","order_purchase_timestamp":1514890593000},"source":{"table":"orders","db":"shop","ts_ms":1514890594000},"op":"c","ts_ms":1514890595000}';
    const text = [
      good,
      '{"before":null,"after":{"order_id":"o2"', // cut off
      good.replace('"op":"c"', '"op":"x"'),
      good.replace('"op":"c"', '"op":"t"'),
      good.replace('"after":{', '"nothing":{'),
      '[1,2]',
      '{"before":{"order_id":"o1"},"after":null,"source":{"table":"orders"},"op":"d"}',
    ].join('\n');
    const parsed = parseDebezium(text);
    expect(parsed.changes.map((c) => [c.line, c.op])).toEqual([[1, 'c'], [7, 'd']]);
    expect(parsed.problems.map((p) => [p.line, p.table])).toEqual([[2, undefined], [3, 'orders'], [4, 'orders'], [5, 'orders'], [6, undefined]]);
    expect(parsed.problems[0]!.reason).toMatch(/not a JSON change event/);
    expect(parsed.problems[1]!.reason).toMatch(/unknown op "x"/);
    expect(parsed.problems[2]!.reason).toMatch(/truncate/);
    expect(parsed.problems[3]!.reason).toMatch(/without an 'after'/);
    expect(parsed.changes[0]!.changeAt).toBe('2018-01-02 10:56:34'); // source.ts_ms, not ts_ms
    expect(row(parsed.changes[0]!).order_purchase_timestamp).toBe('2018-01-02 10:56:33'); // schemaless: millis by size
  });

  it('decodes Kafka Connect decimals, negative ones included', () => {
    expect(decimalText(Uint8Array.of(0x17, 0x02), 2)).toBe('58.90');
    expect(decimalText(Uint8Array.of(0xff), 2)).toBe('-0.01');
    expect(decimalText(Uint8Array.of(0xfe, 0x0c), 1)).toBe('-50.0');
    expect(decimalText(Uint8Array.of(0x05), 0)).toBe('5');
  });
});
