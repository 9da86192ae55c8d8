import { columnTypes } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent, quoteLiteral } from '../../engine/sql';
import { appendTable } from '../../ingest/appendTable';

/**
 * Splits loaded Olist data into a sequence of batches with change records, for the
 * property test and the benchmark: the data is first loaded into schema `gen` (as bronze
 * would hold it), then each batch appends its part to bronze as a loader would — its own
 * `_source` per batch, `_row` as in the file — and change records with `_op` as the CDC
 * parsers write them (issue #15's contract). `expected` is the same data with every change
 * applied, loaded as one snapshot: what silver and gold must equal after all batches.
 */
export const GEN = 'gen';

/** Each logical source's key (as silver's models declare it). */
export const KEYS: Record<string, string[]> = {
  customers: ['customer_id'],
  geolocation: ['geolocation_zip_code_prefix'],
  order_items: ['order_id', 'order_item_id'],
  order_payments: ['order_id', 'payment_sequential'],
  order_reviews: ['review_id', 'order_id'],
  orders: ['order_id'],
  products: ['product_id'],
  sellers: ['seller_id'],
  category_translation: ['product_category_name'],
};

export interface Plan {
  batches: number;
  seed: number;
}

/** Moves what bronze holds now to `gen` (the data to split) and empties the lakehouse. */
export async function moveBronzeToGen(engine: Engine): Promise<void> {
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${GEN}`);
  for (const t of await tables(engine, 'bronze')) {
    await engine.exec(`CREATE OR REPLACE TABLE ${qualified(GEN, t)} AS SELECT * FROM ${qualified('bronze', t)}; DROP TABLE ${qualified('bronze', t)}`);
  }
  for (const layer of ['quarantine', 'silver', 'gold', 'duplicates']) for (const t of await tables(engine, layer)) await engine.exec(`DROP TABLE ${qualified(layer, t)}`);
}

/** A row's batch, 1..n, from its key (all rows of a key arrive in one batch), seeded. */
function batchOf(table: string, plan: Plan): string {
  const key = KEYS[table]!.map((c) => `coalesce(${quoteIdent(c)}::VARCHAR, '')`).join(` || '|' || `);
  return `(1 + (abs(hash(${key} || ${quoteLiteral(String(plan.seed))})) % ${plan.batches}))::INTEGER`;
}

/**
 * The change records of the plan, as a table `gen.changes_<table>` with the bronze columns
 * plus `_batch`, `_op`, `_ord` (order within the batch). From batch 2 on:
 * - orders shipped in an earlier batch move to 'invoiced' then 'delivered' (two updates, the last wins);
 * - a few orders and reviews are deleted (the delete carries the key, the rest NULL);
 * - customers of an earlier batch are sent again as a snapshot row with a new city;
 * - bad records: an update of an order never seen and a delete of a review never seen.
 */
export async function buildChanges(engine: Engine, plan: Plan): Promise<void> {
  const later = `(2 + (abs(hash(order_id || 'b' || ${quoteLiteral(String(plan.seed))})) % ${Math.max(1, plan.batches - 1)}))::INTEGER`;
  const pick = (n: number, salt: string) => `abs(hash(order_id || ${quoteLiteral(salt + plan.seed)})) % ${n} = 0`;
  const single = (table: string) => {
    const key = `(${KEYS[table]!.map(quoteIdent).join(', ')})`;
    return `${key} IN (SELECT ${key} FROM ${qualified(GEN, table)} GROUP BY ALL HAVING count(*) = 1)`;
  };
  if (plan.batches < 2) return;
  await engine.exec(`CREATE OR REPLACE TABLE ${GEN}.changes_orders AS
    WITH o AS (SELECT *, ${batchOf('orders', plan)} AS _home FROM ${GEN}.orders WHERE ${single('orders')} AND TRY_CAST(order_purchase_timestamp AS TIMESTAMP) IS NOT NULL),
    moved AS (SELECT *, greatest(_home + 1, ${later}) AS _batch FROM o WHERE order_status = 'shipped' AND ${pick(3, 'u')} AND _home < ${plan.batches}),
    gone AS (SELECT *, greatest(_home + 1, ${later}) AS _batch FROM o WHERE order_status <> 'shipped' AND ${pick(40, 'd')} AND _home < ${plan.batches})
    SELECT * EXCLUDE (_home), 'u' AS _op, 1 AS _ord FROM (SELECT * REPLACE ('invoiced' AS order_status) FROM moved)
    UNION ALL SELECT * EXCLUDE (_home), 'u', 2 FROM (SELECT * REPLACE ('delivered' AS order_status, order_estimated_delivery_date AS order_delivered_customer_date) FROM moved)
    UNION ALL SELECT * EXCLUDE (_home) REPLACE (NULL AS customer_id, NULL AS order_status, NULL AS order_purchase_timestamp), 'd', 3 FROM gone
    UNION ALL SELECT * EXCLUDE (_home) REPLACE ('never-seen-order' AS order_id), 'u', 4 FROM (SELECT * FROM moved LIMIT 1)`);
  await engine.exec(`CREATE OR REPLACE TABLE ${GEN}.changes_order_reviews AS
    WITH r AS (SELECT *, ${batchOf('order_reviews', plan)} AS _home FROM ${GEN}.order_reviews WHERE ${single('order_reviews')} AND TRY_CAST(review_score AS INTEGER) BETWEEN 1 AND 5),
    gone AS (SELECT *, greatest(_home + 1, ${later}) AS _batch FROM r WHERE ${pick(25, 'r')} AND _home < ${plan.batches})
    SELECT review_id, order_id, _source, _source_kind, _row, _loaded_at, _batch, 'd' AS _op, 1 AS _ord FROM gone
    UNION ALL SELECT 'never-seen-review', order_id, _source, _source_kind, _row, _loaded_at, _batch, 'd', 2 FROM (SELECT * FROM gone LIMIT 1)`);
  await engine.exec(`CREATE OR REPLACE TABLE ${GEN}.changes_customers AS
    WITH c AS (SELECT *, ${batchOf('customers', plan)} AS _home FROM ${GEN}.customers WHERE ${single('customers')})
    SELECT * EXCLUDE (_home) REPLACE (customer_city || ' novo' AS customer_city), ${plan.batches} AS _batch, NULL::VARCHAR AS _op, 1 AS _ord
    FROM c WHERE _home < ${plan.batches} AND abs(hash(customer_id || ${quoteLiteral('c' + plan.seed)})) % 30 = 0`);
}

/**
 * Appends batch `batch` to bronze: the `gen` rows whose key falls in it, then its change
 * records (each source's change records as one file, `_row` its line), without `_batch`:
 * commitBatch stamps it, as after a load.
 */
export async function appendBatch(engine: Engine, plan: Plan, batch: number): Promise<void> {
  for (const table of await tables(engine, GEN)) {
    if (table.startsWith('changes_')) continue;
    const source = `'batch${batch}/' || _source`;
    await appendTable(engine, 'bronze', table, `SELECT * REPLACE (${source} AS _source) FROM ${qualified(GEN, table)} WHERE ${batchOf(table, plan)} = ${batch}`);
    const changes = `changes_${table}`;
    if ((await columnTypes(engine, GEN, changes)).size === 0) continue;
    await appendTable(engine, 'bronze', table, `SELECT * EXCLUDE (_batch, _ord) REPLACE (
        ${quoteLiteral(`batch${batch}/${table}.changes`)} AS _source, CASE WHEN _op IS NULL THEN 'csv' ELSE 'debezium' END AS _source_kind,
        row_number() OVER (ORDER BY _ord, _row)::BIGINT AS _row)
      FROM ${qualified(GEN, changes)} WHERE _batch = ${batch}`);
  }
}

/**
 * A batch that touches orders only, for the incremental paths (every other source is left
 * as it is): some orders sent again unchanged as a snapshot file, the orders the plan
 * deleted sent again (they come back), and an update of an order never seen (quarantine).
 */
export async function appendOrdersOnly(engine: Engine, plan: Plan, batch: number): Promise<void> {
  const source = quoteLiteral(`batch${batch}/orders.resent`);
  await appendTable(engine, 'bronze', 'orders', `SELECT * REPLACE (${source} AS _source) FROM ${GEN}.orders
    WHERE abs(hash(order_id || ${quoteLiteral(`again${plan.seed}`)})) % 40 = 0
      OR order_id IN (SELECT order_id FROM ${GEN}.changes_orders WHERE _op = 'd')`);
  await appendTable(engine, 'bronze', 'orders', `SELECT * EXCLUDE (_batch, _ord) REPLACE (
      ${quoteLiteral(`batch${batch}/orders.changes`)} AS _source, 'debezium' AS _source_kind, 1::BIGINT AS _row, 'never-seen-again' AS order_id)
    FROM ${GEN}.changes_orders WHERE _op = 'u' ORDER BY _batch, _ord, _row LIMIT 1`);
}

/** The data with every change applied, as bronze for one snapshot load: what the batches must come to. */
export async function appendExpected(engine: Engine): Promise<void> {
  for (const table of await tables(engine, GEN)) {
    if (table.startsWith('changes_')) continue;
    const key = KEYS[table]!;
    const changes = `changes_${table}`;
    if ((await columnTypes(engine, GEN, changes)).size === 0) {
      await appendTable(engine, 'bronze', table, `SELECT * FROM ${qualified(GEN, table)}`);
      continue;
    }
    // The last good change of each key (the never-seen keys match no row).
    const last = `(SELECT * EXCLUDE (n) FROM (SELECT *, row_number() OVER (PARTITION BY ${key.map(quoteIdent).join(', ')} ORDER BY _batch DESC, _ord DESC) AS n FROM ${qualified(GEN, changes)}) WHERE n = 1)`;
    const on = key.map((k) => `g.${quoteIdent(k)} = c.${quoteIdent(k)}`).join(' AND ');
    const columns = [...(await columnTypes(engine, GEN, table)).keys()];
    const changed = await columnTypes(engine, GEN, changes);
    const pickColumn = (col: string) => (col.startsWith('_') || !changed.has(col) ? `g.${quoteIdent(col)}` : `CASE WHEN c._batch IS NULL THEN g.${quoteIdent(col)} ELSE c.${quoteIdent(col)} END AS ${quoteIdent(col)}`);
    await appendTable(engine, 'bronze', table, `SELECT ${columns.map(pickColumn).join(', ')} FROM ${qualified(GEN, table)} AS g
      LEFT JOIN ${last} AS c ON ${on} WHERE c._op IS DISTINCT FROM 'd'`);
  }
}

/** Drops the lakehouse's tables (not `gen`): the next load starts over. */
export async function emptyLakehouse(engine: Engine): Promise<void> {
  for (const layer of ['bronze', 'quarantine', 'silver', 'gold', 'duplicates']) for (const t of await tables(engine, layer)) await engine.exec(`DROP TABLE ${qualified(layer, t)}`);
  await engine.exec('DROP SCHEMA IF EXISTS meta CASCADE');
}

async function tables(engine: Engine, schema: string): Promise<string[]> {
  const t = await engine.query(`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ${quoteLiteral(schema)} ORDER BY table_name`);
  return t.toArray().map((r) => String(r.table_name));
}
