import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NativeEngine } from '../../src/engine/native/nativeEngine';
import { quoteLiteral } from '../../src/engine/sql';
import type { InputFile } from '../../src/ingest/inputFile';

/**
 * Issue #15's batch as CSVs under the Olist file names, written to `dir` from the bronze
 * tables of the lakehouse database file `basePath`: 1 % of the orders again under new ids
 * (prefixed `prefix`) and another 1 % sent again changed (canceled, items 1.00 dearer,
 * reviews scored 1), each with its items, payments and reviews. `salt` picks which orders.
 */
export async function writeBatchFiles(basePath: string, dir: string, salt = 'batch', prefix = 'n'): Promise<InputFile[]> {
  const engine = await NativeEngine.open(basePath);
  const pick = (n: number) => `abs(hash(order_id || ${quoteLiteral(salt)})) % 100 = ${n}`;
  // Only the orders of the first load: a batch never picks an order an earlier batch made up.
  const first = `_batch = 1`;
  const orderSet = `(SELECT order_id, ${quoteLiteral(prefix)} || order_id AS new_id FROM bronze.orders WHERE ${first} AND ${pick(0)}
      UNION ALL SELECT order_id, order_id FROM bronze.orders WHERE ${first} AND ${pick(1)})`;
  const copy = async (file: string, sql: string) => engine.exec(`COPY (${sql}) TO ${quoteLiteral(join(dir, file))} (HEADER, DELIMITER ',')`);
  // Aliased `b` and read as `b.*`: the batch files have the Olist files' columns, no more (a
  // `SELECT *` over the join also wrote the join's new_id and a second order_id).
  const firstOf = (table: string) => `(SELECT * FROM bronze.${table} WHERE ${first}) AS b`;
  try {
    const data = () => `b.* EXCLUDE (_source, _source_kind, _row, _loaded_at, _batch, _op, _change_at)`;
    await copy('olist_orders_dataset.csv', `SELECT ${data()} REPLACE (s.new_id AS order_id, CASE WHEN s.new_id = s.order_id THEN 'canceled' ELSE order_status END AS order_status)
      FROM ${firstOf('orders')} JOIN ${orderSet} AS s USING (order_id)`);
    await copy('olist_order_items_dataset.csv', `SELECT ${data()} REPLACE (s.new_id AS order_id, CASE WHEN s.new_id = s.order_id THEN (price::DECIMAL(12,2) + 1)::VARCHAR ELSE price END AS price)
      FROM ${firstOf('order_items')} JOIN ${orderSet} AS s USING (order_id)`);
    await copy('olist_order_payments_dataset.csv', `SELECT ${data()} REPLACE (s.new_id AS order_id) FROM ${firstOf('order_payments')} JOIN ${orderSet} AS s USING (order_id)`);
    await copy('olist_order_reviews_dataset.csv', `SELECT ${data()} REPLACE (s.new_id AS order_id, CASE WHEN s.new_id = s.order_id THEN '1' ELSE review_score END AS review_score)
      FROM ${firstOf('order_reviews')} JOIN ${orderSet} AS s USING (order_id)`);
  } finally {
    await engine.close();
  }
  return readdirSync(dir).map((name) => ({ path: name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}
