import { describe, expect, it } from 'vitest';
import { TOP_CATEGORIES } from './charts/revenueByCategory';
import { chartRows, expectCents, queryRows, sum, useDemoLakehouse, type Row } from './testing/demoLakehouse';

/*
 * The revenue charts against the gold tables they must agree with (DESIGN.md §6), on the
 * generated Olist data in DuckDB-WASM: unfiltered they are those tables; filtered to a
 * state, a category or a month their totals are that state's, category's or month's row.
 */

const lakehouse = useDemoLakehouse();
const gold = (sql: string) => queryRows(lakehouse(), sql);
const dashboard = (filter: Parameters<ReturnType<typeof lakehouse>['dashboard']>[0]) => lakehouse().dashboard(filter);

describe('unfiltered, the revenue charts are the gold tables', () => {
  it('revenue by state is gold.revenue_by_state', async () => {
    const rows = chartRows(await dashboard({}), 'revenueByState');
    const expected = await gold('SELECT customer_state, revenue::DOUBLE AS revenue, orders, customers FROM gold.revenue_by_state ORDER BY revenue DESC, customer_state');
    expect(rows).toEqual(expected);
  });

  it('monthly revenue is gold.revenue_monthly', async () => {
    const rows = chartRows(await dashboard({}), 'revenueMonthly');
    const expected = await gold("SELECT strftime(month, '%Y-%m-01') AS month, revenue::DOUBLE AS revenue, orders FROM gold.revenue_monthly ORDER BY month");
    expect(rows).toEqual(expected);
  });

  it(`revenue by category is gold.revenue_by_category's top ${TOP_CATEGORIES} and the rest summed`, async () => {
    const rows = chartRows(await dashboard({}), 'revenueByCategory');
    const expected = await gold('SELECT category, revenue::DOUBLE AS revenue, orders, items FROM gold.revenue_by_category ORDER BY revenue DESC, category');
    expect(expected.length, 'the data has more categories than are drawn').toBeGreaterThan(TOP_CATEGORIES);
    const top = rows.filter((r) => r.category !== null);
    expect(top.map(({ category, revenue, orders, items }) => ({ category, revenue, orders, items }))).toEqual(expected.slice(0, TOP_CATEGORIES));
    const [other, ...more] = rows.filter((r) => r.category === null);
    expect(more).toEqual([]);
    const rest = expected.slice(TOP_CATEGORIES);
    expect(other).toMatchObject({ label: `Other (${rest.length} categories)`, categories: rest.length, items: sum(rest, 'items') });
    expectCents(Number(other!.revenue), sum(rest, 'revenue'));
    const [total] = await gold('SELECT sum(revenue)::DOUBLE AS revenue FROM gold.order_facts WHERE is_revenue_bearing');
    expectCents(sum(rows, 'revenue'), Number(total!.revenue));
  });
});

describe('filtered to a state', () => {
  it("every revenue chart adds up to the state's row of gold.revenue_by_state, and the state chart keeps every state", async () => {
    const states = await gold('SELECT customer_state, revenue::DOUBLE AS revenue, orders FROM gold.revenue_by_state ORDER BY revenue DESC');
    for (const state of [states[0]!, states[Math.floor(states.length / 2)]!]) {
      const data = await dashboard({ customerState: String(state.customer_state) });
      const monthly = chartRows(data, 'revenueMonthly');
      expectCents(sum(monthly, 'revenue'), Number(state.revenue), `monthly revenue of ${state.customer_state}`);
      expect(sum(monthly, 'orders')).toBe(state.orders);
      expectCents(sum(chartRows(data, 'revenueByCategory'), 'revenue'), Number(state.revenue), `category revenue of ${state.customer_state}`);
      // Every order of a known state has a known customer, so every cent has a segment.
      expectCents(sum(chartRows(data, 'rfmSegments'), 'revenue'), Number(state.revenue), `segment revenue of ${state.customer_state}`);
      expect(chartRows(data, 'revenueByState')).toEqual(chartRows(await dashboard({}), 'revenueByState'));
    }
  });
});

describe('filtered to a category', () => {
  it("the state and month charts add up to the category's row of gold.revenue_by_category", async () => {
    const categories = await gold('SELECT category, revenue::DOUBLE AS revenue, orders FROM gold.revenue_by_category ORDER BY revenue DESC');
    for (const category of [categories[0]!, categories.at(-1)!]) {
      const data = await dashboard({ category: String(category.category) });
      for (const chart of ['revenueByState', 'revenueMonthly'] as const) {
        const rows = chartRows(data, chart);
        expectCents(sum(rows, 'revenue'), Number(category.revenue), `${chart} of ${category.category}`);
        // An order belongs to one state and one month, so distinct orders add up.
        expect(sum(rows, 'orders'), `${chart} orders of ${category.category}`).toBe(category.orders);
      }
    }
  });

  it('a selected category outside the top ones gets its own bar', async () => {
    const [last] = await gold('SELECT category FROM gold.revenue_by_category ORDER BY revenue, category LIMIT 1');
    const rows = chartRows(await dashboard({ category: String(last!.category) }), 'revenueByCategory');
    expect(rows.filter((r) => r.category !== null).map((r) => r.category)).toContain(last!.category);
    expect(rows.filter((r) => r.category !== null)).toHaveLength(TOP_CATEGORIES + 1);
  });
});

describe('filtered to a month', () => {
  it("the state and category charts add up to the month's row of gold.revenue_monthly", async () => {
    const months = await gold("SELECT strftime(month, '%Y-%m-01') AS month, revenue::DOUBLE AS revenue, orders FROM gold.revenue_monthly ORDER BY orders DESC LIMIT 1");
    const month = months[0]!;
    const data = await dashboard({ month: String(month.month) });
    const byState = chartRows(data, 'revenueByState');
    expectCents(sum(byState, 'revenue'), Number(month.revenue));
    expect(sum(byState, 'orders')).toBe(month.orders);
    expectCents(sum(chartRows(data, 'revenueByCategory'), 'revenue'), Number(month.revenue));
  });
});

describe('all three filters', () => {
  it('revenue by state equals the same figure computed from silver without the dashboard code', async () => {
    // The busiest (state, category, month) with revenue, so that the figure is not zero.
    const [pick] = await gold(`SELECT c.customer_state, coalesce(p.product_category_name_english, 'unknown') AS category,
        strftime(date_trunc('month', o.order_purchase_timestamp), '%Y-%m-01') AS month
      FROM silver.order_items AS i JOIN silver.orders AS o USING (order_id) JOIN silver.customers AS c USING (customer_id)
      LEFT JOIN silver.products AS p USING (product_id)
      WHERE o.order_status NOT IN ('canceled', 'unavailable')
      GROUP BY ALL ORDER BY count(*) DESC, 1, 2, 3 LIMIT 1`);
    const { customer_state, category, month } = pick as { customer_state: string; category: string; month: string };
    const [expected] = await gold(`SELECT sum(i.price + i.freight_value)::DOUBLE AS revenue, count(DISTINCT i.order_id) AS orders
      FROM silver.order_items AS i JOIN silver.orders AS o USING (order_id) JOIN silver.customers AS c USING (customer_id)
      LEFT JOIN silver.products AS p USING (product_id)
      WHERE o.order_status NOT IN ('canceled', 'unavailable') AND c.customer_state = '${customer_state}'
        AND coalesce(p.product_category_name_english, 'unknown') = '${category.replaceAll("'", "''")}'
        AND strftime(date_trunc('month', o.order_purchase_timestamp), '%Y-%m-01') = '${month}'`);
    const data = await dashboard({ customerState: 'XX', category, month });
    // The state chart ignores the state filter: its row for the state is the figure.
    const row = chartRows(data, 'revenueByState').find((r) => r.customer_state === customer_state) as Row;
    expectCents(Number(row.revenue), Number(expected!.revenue));
    expect(row.orders).toBe(expected!.orders);
    // The other charts do apply it: no state XX, no rows.
    expect(chartRows(data, 'revenueMonthly')).toEqual([]);
  });
});
