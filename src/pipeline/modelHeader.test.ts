import { describe, expect, it } from 'vitest';
import { parseModel } from './model';
import { MAX_RETRIES } from './modelHeader';

const SQL = `-- Orders, typed.
-- grain: one row per order
-- key: order_id
-- expect: not_null(order_id, customer_id)
-- expect: accepted_values(order_status; delivered, shipped) warn
-- expect: range(price; 0; )
-- expect: sql(no future orders; SELECT * FROM silver.orders WHERE order_purchase_timestamp > TIMESTAMP '2030-01-01')
-- Timestamps keep the source's wall-clock time.

-- not part of the header any more
SELECT * FROM bronze.orders JOIN silver.customers USING (customer_id)`;

describe('parseModel', () => {
  it('reads name, layer, header fields, expectations and references', () => {
    const m = parseModel({ path: 'silver/orders.sql', sql: SQL });
    expect(m).toMatchObject({
      id: 'silver.orders',
      layer: 'silver',
      name: 'orders',
      description: 'Orders, typed.',
      grain: 'one row per order',
      key: ['order_id'],
      docs: ['Timestamps keep the source\'s wall-clock time.'],
      references: ['bronze.orders', 'silver.customers'],
    });
    expect(m.expectations.map((e) => [e.kind, e.severity, e.name])).toEqual([
      ['not_null', 'error', 'not_null(order_id, customer_id)'],
      ['accepted_values', 'warn', 'accepted_values(order_status; delivered, shipped)'],
      ['range', 'error', 'range(price; 0; )'],
      ['sql', 'error', 'no future orders'],
    ]);
    expect(m.expectations[3].args[1]).toBe("SELECT * FROM silver.orders WHERE order_purchase_timestamp > TIMESTAMP '2030-01-01'");
  });

  it('reads reduces: (the column that counts the rows a silver row stands for), and nothing else there', () => {
    const sql = '-- Points per zip.\n-- key: zip\n-- reduces: points\nSELECT 1';
    expect(parseModel({ path: 'silver/points.sql', sql })).toMatchObject({ key: ['zip'], reduces: 'points', docs: [] });
    expect(parseModel({ path: 'silver/orders.sql', sql: SQL }).reduces).toBeUndefined();
    expect(() => parseModel({ path: 'silver/points.sql', sql: sql.replace('points', 'points, n') })).toThrow('silver/points.sql:3: reduces: names the one column');
  });

  it('reads retries: N (a whole number up to MAX_RETRIES), absent meaning none', () => {
    expect(parseModel({ path: 'gold/x.sql', sql: '-- x\n-- retries: 2\nSELECT 1' }).retries).toBe(2);
    expect(parseModel({ path: 'gold/x.sql', sql: '-- x\nSELECT 1' }).retries).toBeUndefined();
    expect(() => parseModel({ path: 'gold/x.sql', sql: '-- x\n-- retries: two\nSELECT 1' })).toThrow('gold/x.sql:2: retries: is a whole number from 0 to 5');
    expect(() => parseModel({ path: 'gold/x.sql', sql: `-- x\n-- retries: ${MAX_RETRIES + 1}\nSELECT 1` })).toThrow('retries: is a whole number');
  });

  it('names the file and line of an expectation it cannot read', () => {
    expect(() => parseModel({ path: 'gold/x.sql', sql: '-- x\n-- expect: is_positive(a)\nSELECT 1' })).toThrow('gold/x.sql:2: unknown expectation "is_positive"');
    expect(() => parseModel({ path: 'gold/x.sql', sql: '-- x\n-- expect: not_null order_id\nSELECT 1' })).toThrow('gold/x.sql:2: cannot read expectation');
  });

  it('only accepts silver/ and gold/ model paths', () => {
    expect(() => parseModel({ path: 'bronze/orders.sql', sql: 'SELECT 1' })).toThrow('must be silver/<name>.sql or gold/<name>.sql');
  });

  it('reads a gold model\'s incremental key and the keys each changed table maps to, and refuses them elsewhere', () => {
    const sql = `-- Facts.\n-- key: order_id\n-- incremental: order_id\n-- changed silver.orders: SELECT order_id FROM changed.keys\n-- changed Silver.Customers: SELECT order_id FROM silver.orders WHERE customer_id IN (SELECT customer_id FROM changed.keys)\nSELECT * FROM silver.orders`;
    const m = parseModel({ path: 'gold/facts.sql', sql });
    expect(m.incremental).toEqual({
      key: ['order_id'],
      changed: { 'silver.orders': 'SELECT order_id FROM changed.keys', 'silver.customers': 'SELECT order_id FROM silver.orders WHERE customer_id IN (SELECT customer_id FROM changed.keys)' },
    });
    expect(m.docs).toEqual([]);
    expect(() => parseModel({ path: 'silver/orders.sql', sql: sql.replace('-- Facts.', '-- Orders.') })).toThrow(/silver\/orders.sql: incremental: is for gold models/);
    expect(() => parseModel({ path: 'gold/facts.sql', sql: '-- Facts.\n-- changed silver.orders: SELECT 1\nSELECT 1' })).toThrow(/gold\/facts.sql:2: a changed line follows the incremental: line/);
    expect(() => parseModel({ path: 'gold/facts.sql', sql: '-- Facts.\n-- incremental: \nSELECT 1' })).toThrow(/gold\/facts.sql:2: incremental: names the key columns/);
  });
});
