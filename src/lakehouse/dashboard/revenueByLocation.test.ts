import { describe, expect, it } from 'vitest';
import { chartRows, expectCents, queryRows, sum, useDemoLakehouse } from './testing/demoLakehouse';
import { DashboardTables } from './dashboardTables';
import { queryDashboard } from './dashboardData';

/*
 * The location chart against the orders and the customers' zip-prefix locations, joined
 * here independently: its points add up, per state, to the revenue of the revenue-bearing
 * orders whose customer has a location, filtered or not; each point lies in its cell.
 */

const lakehouse = useDemoLakehouse();
const gold = (sql: string) => queryRows(lakehouse(), sql);

/** Revenue and orders per state of located customers, with `where` on order_facts f and items i. */
const expectedByState = (where: string, items = false) =>
  gold(`SELECT f.customer_state, ${items ? 'sum(i.price + i.freight_value)' : 'sum(f.revenue)'}::DOUBLE AS revenue, count(DISTINCT f.order_id) AS orders
    FROM gold.order_facts AS f
    JOIN silver.customers AS c USING (customer_id)
    JOIN silver.geolocation AS g ON g.geolocation_zip_code_prefix = c.customer_zip_code_prefix
    ${items ? 'JOIN silver.order_items AS i USING (order_id) LEFT JOIN silver.products AS p USING (product_id)' : ''}
    WHERE f.is_revenue_bearing AND ${where}
    GROUP BY f.customer_state ORDER BY f.customer_state`);

function byState(rows: Record<string, unknown>[]) {
  const states = [...new Set(rows.map((r) => String(r.customer_state)))].sort();
  return states.map((s) => {
    const of = rows.filter((r) => r.customer_state === s);
    return { customer_state: s, revenue: sum(of, 'revenue'), orders: sum(of, 'orders') };
  });
}

describe('revenue by customer location', () => {
  it('unfiltered, adds up per state to the located customers’ revenue, each point at its cell’s centre', async () => {
    const rows = chartRows(await lakehouse().dashboard({}), 'revenueByLocation');
    const expected = await expectedByState('true');
    expect(rows.length).toBeGreaterThan(expected.length);
    const got = byState(rows);
    expect(got.map((r) => [r.customer_state, r.orders])).toEqual(expected.map((r) => [r.customer_state, r.orders]));
    for (const [i, e] of expected.entries()) expectCents(got[i]!.revenue, Number(e.revenue), String(e.customer_state));
    for (const r of rows) {
      expect(Math.abs(Number(r.latitude) % 1), 'latitude at a cell centre').toBeCloseTo(0.5, 9);
      expect(Math.abs(Number(r.longitude) % 1), 'longitude at a cell centre').toBeCloseTo(0.5, 9);
    }
    const [located] = await gold(`SELECT count(*) AS n FROM silver.customers JOIN silver.geolocation ON geolocation_zip_code_prefix = customer_zip_code_prefix`);
    expect(Number(located!.n), 'the demo data has located customers').toBeGreaterThan(0);
  });

  it('keeps every state when one is selected, and follows the month and category filters', async () => {
    const [pick] = await gold(`SELECT strftime(date_trunc('month', purchased_at), '%Y-%m-01') AS month FROM gold.order_facts WHERE is_revenue_bearing GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const month = String(pick!.month);
    const unfiltered = chartRows(await lakehouse().dashboard({}), 'revenueByLocation');
    expect(chartRows(await lakehouse().dashboard({ customerState: 'SP' }), 'revenueByLocation')).toEqual(unfiltered);
    const monthRows = chartRows(await lakehouse().dashboard({ month, category: 'bed_bath_table' }), 'revenueByLocation');
    const expected = await expectedByState(
      `date_trunc('month', f.purchased_at) = DATE '${month}' AND coalesce(p.product_category_name_english, 'unknown') = 'bed_bath_table'`,
      true,
    );
    expect(expected.length).toBeGreaterThan(0);
    const got = byState(monthRows);
    expect(got.map((r) => [r.customer_state, r.orders])).toEqual(expected.map((r) => [r.customer_state, r.orders]));
    for (const [i, e] of expected.entries()) expectCents(got[i]!.revenue, Number(e.revenue), String(e.customer_state));
  });

  it('without a geolocation source, the dashboard still builds and the map is empty', async () => {
    const engine = lakehouse().engine;
    await engine.exec('ALTER TABLE silver.geolocation RENAME TO geolocation_away');
    try {
      const data = await queryDashboard(engine, new DashboardTables(engine), {});
      expect(chartRows(data, 'revenueByLocation')).toEqual([]);
      expect(chartRows(data, 'revenueByState').length).toBeGreaterThan(0);
    } finally {
      await engine.exec('ALTER TABLE silver.geolocation_away RENAME TO geolocation');
      await new DashboardTables(engine).ensure();
    }
  });
});
