import { strToU8 } from 'fflate';
import type { BadInputCase } from '../badInputs.cases';

/**
 * The bad-input corpus's change-data-capture part: broken Debezium topic dumps and a
 * decoded binary log without its CREATE TABLE. Spread into BAD_INPUTS
 * (src/ingest/badInputs.cases.ts). Plain TypeScript, no Node built-ins.
 */

const order = (id: string, status: string) => ({
  order_id: id, customer_id: 'c1', order_status: status, order_purchase_timestamp: 1514890593000, order_approved_at: null,
  order_delivered_carrier_date: null, order_delivered_customer_date: null, order_estimated_delivery_date: 1516406400000,
});
const event = (op: string, before: object | null, after: object | null) =>
  JSON.stringify({ before, after, source: { db: 'shop', table: 'orders', ts_ms: 1514890594000 }, op, ts_ms: 1514890595000 });

/** Line 2 cut off, line 4 an unknown op, line 5 a truncate, line 6 an update without `after`. */
const EVENTS = [
  event('c', null, order('o1', 'created')),
  '{"before":null,"after":{"order_id":"o9","customer_id":"c9"',
  event('u', order('o1', 'created'), order('o1', 'approved')),
  event('x', null, order('o3', 'created')),
  event('t', null, null),
  event('u', order('o1', 'approved'), null),
  '',
  event('d', order('o1', 'approved'), null),
].join('\n') + '\n';

export const CDC_BAD_INPUTS: BadInputCase[] = [
  {
    name: 'a Debezium topic dump with a cut line, an unknown op, a truncate and an update without after',
    folder: 'debezium-bad-lines',
    files: () => [{ path: 'orders-topic.jsonl', bytes: strToU8(EVENTS) }],
    exit: 1,
    messages: [
      { kind: 'error', text: /^debezium-bad-lines\/orders-topic\.jsonl \(line 2\): not a JSON change event: .*The record names no table/ },
      { kind: 'quarantine', text: /^debezium-bad-lines\/orders-topic\.jsonl \(line 4\): unknown op "x": expected c, u, d or r/ },
    ],
    tables: { 'bronze.orders': 3, 'quarantine.orders': 3 },
    engines: ['native'],
  },
  {
    name: 'a decoded binary log without the CREATE TABLE of its tables',
    folder: 'binlog-no-schema',
    files: () => [],
    fixtures: [{ from: 'cdc/row.binlog.txt', to: 'mysql-bin.000002.sql' }],
    exit: 0,
    messages: [
      { kind: 'quarantine', text: /^binlog-no-schema\/mysql-bin\.000002\.sql \(line 28\): no CREATE TABLE for olist_cdc\.orders: the binary log names columns by position .*\(mariadb-dump --no-data olist_cdc > schema\.sql\)/ },
    ],
    tables: { 'quarantine.orders': 4, 'quarantine.order_items': 5, 'quarantine.order_reviews': 4 },
    engines: ['native'],
  },
];
