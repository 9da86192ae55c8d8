import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../engine/native/nativeEngine';
import { columnLineage, LineageError, lineageColumns, type ColumnSource } from './columnLineage';
import { parseTree } from './deriveLineage';

/**
 * Column lineage of small SQL strings, parsed by native DuckDB's json_serialize_sql
 * (what deriveLineage does for the shipped models).
 */
const CATALOG: Record<string, string[]> = {
  'silver.orders': ['order_id', 'customer_id', 'order_status', 'purchased_at'],
  'silver.customers': ['customer_id', 'customer_state', 'address'],
  'silver.items': ['order_id', 'price', 'freight'],
};

let engine: NativeEngine;
beforeAll(async () => {
  engine = await NativeEngine.open();
});
afterAll(async () => {
  await engine?.close();
});

async function lineage(sql: string, catalog: Record<string, string[]> = CATALOG): Promise<Record<string, string[]>> {
  const result = columnLineage(await parseTree(engine, sql), (t) => catalog[t]);
  return Object.fromEntries(Object.entries(result).map(([c, s]) => [c, s.map(show)]));
}

const show = (s: ColumnSource) => `${s.table}.${s.column}`;

describe('columnLineage', () => {
  it('resolves table aliases and keeps the select order', async () => {
    expect(await lineage('SELECT o.order_id AS id, o.customer_id, upper(o.order_status) AS status FROM silver.orders AS o')).toEqual({
      id: ['silver.orders.order_id'],
      customer_id: ['silver.orders.customer_id'],
      status: ['silver.orders.order_status'],
    });
    expect(Object.keys(await lineage('SELECT order_status, order_id FROM silver.orders'))).toEqual(['order_status', 'order_id']);
  });

  it('resolves unqualified and schema-qualified columns across a join with the catalog', async () => {
    const sql = `SELECT order_status, customer_state, silver.orders.order_id, o2.purchased_at
      FROM silver.orders JOIN silver.customers AS c ON silver.orders.customer_id = c.customer_id
      CROSS JOIN silver.items AS o2(order_id, purchased_at)`;
    expect(await lineage(sql)).toEqual({
      order_status: ['silver.orders.order_status'],
      customer_state: ['silver.customers.customer_state'],
      order_id: ['silver.orders.order_id'],
      purchased_at: ['silver.items.price'],
    });
    // Without the catalog, an unqualified name could come from either table.
    await expect(lineage('SELECT customer_state FROM silver.orders AS o JOIN silver.customers AS c USING (customer_id)', {})).rejects.toThrow(LineageError);
    await expect(lineage('SELECT customer_id FROM silver.orders AS o JOIN silver.customers AS c ON o.customer_id = c.customer_id')).rejects.toThrow(/ambiguous/);
  });

  it('merges USING columns as DuckDB does: the left side, the right for RIGHT JOIN, both for FULL JOIN', async () => {
    const sql = (join: string) => `SELECT customer_id, * FROM silver.orders AS o ${join} JOIN silver.customers AS c USING (customer_id)`;
    expect(await lineage(sql('LEFT'))).toEqual({
      customer_id: ['silver.orders.customer_id'],
      order_id: ['silver.orders.order_id'],
      customer_id_1: ['silver.orders.customer_id'],
      order_status: ['silver.orders.order_status'],
      purchased_at: ['silver.orders.purchased_at'],
      customer_state: ['silver.customers.customer_state'],
      address: ['silver.customers.address'],
    });
    expect((await lineage(sql('RIGHT'))).customer_id).toEqual(['silver.customers.customer_id']);
    expect((await lineage(sql('FULL'))).customer_id).toEqual(['silver.customers.customer_id', 'silver.orders.customer_id']);
    // A qualified reference still means that table's own column.
    expect(await lineage('SELECT c.customer_id FROM silver.orders AS o JOIN silver.customers AS c USING (customer_id)')).toEqual({
      customer_id: ['silver.customers.customer_id'],
    });
  });

  it('follows CTE chains, CTEs shadowing table names, and subqueries in FROM', async () => {
    const sql = `WITH typed AS (SELECT order_id AS id, lower(order_status) AS status FROM silver.orders),
      labelled AS (SELECT id, status || '-' || id AS label FROM typed),
      items AS (SELECT order_id, sum(price + freight) AS revenue FROM silver.items GROUP BY ALL)
      SELECT l.label, l.id, i.revenue, sub.n
      FROM labelled AS l
      JOIN items AS i ON i.order_id = l.id
      JOIN (WITH inner_cte AS (SELECT customer_state AS st FROM silver.customers) SELECT st AS n FROM inner_cte) AS sub ON true`;
    expect(await lineage(sql)).toEqual({
      label: ['silver.orders.order_id', 'silver.orders.order_status'],
      id: ['silver.orders.order_id'],
      revenue: ['silver.items.freight', 'silver.items.price'],
      n: ['silver.customers.customer_state'],
    });
    // An unqualified table name is the CTE, even when a table has that name.
    const shadowed = 'WITH orders AS (SELECT order_id AS x FROM silver.orders) SELECT x FROM orders';
    expect(await lineage(shadowed, { ...CATALOG, orders: ['x'] })).toEqual({ x: ['silver.orders.order_id'] });
  });

  it('expands *, t.*, * EXCLUDE / REPLACE / RENAME and COLUMNS(…)', async () => {
    expect(await lineage('SELECT * EXCLUDE (order_status, purchased_at) FROM silver.orders')).toEqual({
      order_id: ['silver.orders.order_id'],
      customer_id: ['silver.orders.customer_id'],
    });
    expect(await lineage('SELECT c.* EXCLUDE (address) REPLACE (upper(customer_state) || customer_id AS customer_state) RENAME (customer_id AS id) FROM silver.orders AS o JOIN silver.customers AS c USING (customer_id)')).toEqual({
      id: ['silver.customers.customer_id'],
      customer_state: ['silver.customers.customer_state', 'silver.orders.customer_id'],
    });
    expect(await lineage(`SELECT COLUMNS('^order_') FROM silver.orders`)).toEqual({
      order_id: ['silver.orders.order_id'],
      order_status: ['silver.orders.order_status'],
    });
    expect(Object.keys(await lineage('SELECT COLUMNS(*) FROM silver.items'))).toEqual(['order_id', 'price', 'freight']);
    expect(await lineage('SELECT #2 + #3 AS total FROM silver.items')).toEqual({ total: ['silver.items.freight', 'silver.items.price'] });
    const maxes = lineageColumns(await parseTree(engine, 'SELECT max(COLUMNS(* EXCLUDE (order_id))) FROM silver.items'), (t) => CATALOG[t]);
    expect(maxes).toEqual([
      { name: 'price', sources: [{ table: 'silver.items', column: 'price' }], derivedName: true },
      { name: 'freight', sources: [{ table: 'silver.items', column: 'freight' }], derivedName: true },
    ]);
    await expect(lineage('SELECT * FROM silver.unknown')).rejects.toThrow(/cannot expand \*/);
  });

  it('takes window PARTITION BY and ORDER BY, CASE conditions and casts, but not WHERE or QUALIFY', async () => {
    const sql = `SELECT
        row_number() OVER (PARTITION BY customer_id ORDER BY purchased_at DESC) AS rn,
        sum(price) OVER (PARTITION BY o.order_id) AS order_total,
        CASE WHEN order_status = 'delivered' THEN purchased_at::DATE ELSE NULL END AS delivered_on,
        CAST(price AS VARCHAR) AS price_text
      FROM silver.orders AS o JOIN silver.items AS i USING (order_id)
      WHERE freight > 0
      QUALIFY rn = 1`;
    expect(await lineage(sql)).toEqual({
      rn: ['silver.orders.customer_id', 'silver.orders.purchased_at'],
      order_total: ['silver.items.price', 'silver.orders.order_id'],
      delivered_on: ['silver.orders.order_status', 'silver.orders.purchased_at'],
      price_text: ['silver.items.price'],
    });
  });

  it('includes the select list of scalar and IN subqueries (with correlated columns), not their WHERE', async () => {
    const sql = `SELECT
        (SELECT max(c.customer_state) FROM silver.customers AS c WHERE c.customer_id = o.customer_id) AS state,
        (SELECT o.order_status || count(*) FROM silver.items AS i WHERE i.order_id = o.order_id) AS status_items,
        o.order_id IN (SELECT order_id FROM silver.items WHERE price > 100) AS has_expensive,
        EXISTS (SELECT * FROM silver.items AS i WHERE i.order_id = o.order_id) AS has_items
      FROM silver.orders AS o`;
    expect(await lineage(sql)).toEqual({
      state: ['silver.customers.customer_state'],
      status_items: ['silver.orders.order_status'],
      has_expensive: ['silver.items.order_id', 'silver.orders.order_id'],
      has_items: [],
    });
  });

  it('combines UNION branches by position (or by name) and resolves recursive CTEs', async () => {
    expect(await lineage('SELECT order_id AS id FROM silver.orders UNION ALL SELECT customer_id FROM silver.customers EXCEPT SELECT 1')).toEqual({
      id: ['silver.customers.customer_id', 'silver.orders.order_id'],
    });
    expect(await lineage('SELECT order_id FROM silver.orders UNION BY NAME SELECT price, order_id FROM silver.items')).toEqual({
      order_id: ['silver.items.order_id', 'silver.orders.order_id'],
      price: ['silver.items.price'],
    });
    const recursive = `WITH RECURSIVE chain(n, label) AS (
        SELECT 1, order_status FROM silver.orders
        UNION ALL SELECT n + 1, label || customer_state FROM chain, silver.customers WHERE n < 3)
      SELECT n, label FROM chain`;
    expect(await lineage(recursive)).toEqual({ n: [], label: ['silver.customers.customer_state', 'silver.orders.order_status'] });
  });

  it('leaves out constants and lambda parameters, and names unaliased expressions by position', async () => {
    const columns = lineageColumns(
      await parseTree(engine, `SELECT count(*), 'x' AS k, list_transform([1, 2], x -> x + length(order_status)) AS t, order_id + 1 FROM silver.orders`),
      (t) => CATALOG[t],
    );
    expect(columns).toEqual([
      { name: 'column0', sources: [], derivedName: true },
      { name: 'k', sources: [] },
      { name: 't', sources: [{ table: 'silver.orders', column: 'order_status' }] },
      { name: 'column3', sources: [{ table: 'silver.orders', column: 'order_id' }], derivedName: true },
    ]);
  });

  it('attributes columns to the one table the catalog does not know, and fails loudly otherwise', async () => {
    expect(await lineage('SELECT a, t.b AS b FROM bronze.things AS t', {})).toEqual({ a: ['bronze.things.a'], b: ['bronze.things.b'] });
    await expect(lineage('SELECT nope FROM silver.orders')).rejects.toThrow(/cannot resolve column "nope"/);
    await expect(lineage('SELECT FROM WHERE')).rejects.toThrow(/could not parse/);
    await expect(lineage('SELECT 1; SELECT 2')).rejects.toThrow(/one SELECT statement/);
  });
});
