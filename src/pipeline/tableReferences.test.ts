import { describe, expect, it } from 'vitest';
import { tableReferences } from './tableReferences';

describe('tableReferences', () => {
  it('finds layer-qualified tables in FROM, JOIN, subqueries and CTEs, once each', () => {
    const sql = `WITH items AS (SELECT order_id, sum(price) AS p FROM silver.order_items GROUP BY ALL)
      SELECT o.order_id FROM silver.orders AS o JOIN items USING (order_id)
      LEFT JOIN Silver . Customers c ON c.customer_id = o.customer_id
      WHERE o.order_id IN (SELECT order_id FROM silver.order_items) AND EXISTS (SELECT 1 FROM gold."odd name")`;
    expect(tableReferences(sql)).toEqual(['silver.order_items', 'silver.orders', 'silver.customers', 'gold.odd name']);
  });

  it('ignores comments, string literals and column references through aliases', () => {
    const sql = `-- reads bronze.orders in the old days
      /* and gold.legacy */
      SELECT 'silver.fake' AS s, o.silver_flag, x.gold FROM bronze.orders o, bronze.sellers AS x`;
    expect(tableReferences(sql)).toEqual(['bronze.orders', 'bronze.sellers']);
  });
});
