import { describe, expect, it } from 'vitest';
import { RFM_SEGMENTS } from './charts/rfmSegments';
import { CLV_BINS } from './charts/clvHistogram';
import { AOV_BANDS, FREQUENCY_BANDS } from './charts/customerSegments';
import { chartRows, expectCents, queryRows, sum, useDemoLakehouse } from './testing/demoLakehouse';

/*
 * The delivery and customer charts against gold.delivery_by_state, gold.delivery_performance,
 * gold.rfm, gold.customer_ltv and gold.customer_segments, unfiltered and filtered, on the
 * generated Olist data in DuckDB-WASM.
 */

const lakehouse = useDemoLakehouse();
const gold = (sql: string) => queryRows(lakehouse(), sql);
const busiestState = async () => String((await gold('SELECT customer_state FROM gold.revenue_by_state ORDER BY orders DESC LIMIT 1'))[0]!.customer_state);

describe('delivery charts', () => {
  it('unfiltered, on-time rate and delay by state are gold.delivery_by_state', async () => {
    const rows = chartRows(await lakehouse().dashboard({}), 'deliveryByState');
    const expected = await gold('SELECT customer_state, orders, on_time_rate, avg_delay_days, avg_delivery_days FROM gold.delivery_by_state ORDER BY on_time_rate, customer_state');
    expect(rows.map((r) => r.customer_state)).toEqual(expected.map((r) => r.customer_state));
    for (const [i, row] of rows.entries()) {
      for (const column of ['orders', 'on_time_rate', 'avg_delay_days', 'avg_delivery_days']) expect(row[column], `${row.customer_state} ${column}`).toBeCloseTo(Number(expected[i]![column]), 9);
    }
  });

  it('the delay histogram counts every non-outlier delivery with an estimate once, late ones after zero', async () => {
    const rows = chartRows(await lakehouse().dashboard({}), 'delayHistogram');
    const [expected] = await gold('SELECT count(*) AS n, count(*) FILTER (WHERE is_late) AS late FROM gold.delivery_performance WHERE NOT is_outlier AND delay_days IS NOT NULL');
    expect(sum(rows, 'orders')).toBe(expected!.n);
    expect(sum(rows.filter((r) => r.is_late), 'orders')).toBe(expected!.late);
    expect(rows.every((r) => r.is_late === Number(r.delay_days) > 0)).toBe(true);
    expect(sum(rows, 'share')).toBeCloseTo(1, 9);
  });

  it("filtered to a state, the histogram is that state's deliveries and the state chart keeps every state", async () => {
    const state = await busiestState();
    const data = await lakehouse().dashboard({ customerState: state });
    const [expected] = await gold(`SELECT count(*) AS n FROM gold.delivery_performance WHERE NOT is_outlier AND delay_days IS NOT NULL AND customer_state = '${state}'`);
    expect(sum(chartRows(data, 'delayHistogram'), 'orders')).toBe(expected!.n);
    expect(chartRows(data, 'deliveryByState')).toEqual(chartRows(await lakehouse().dashboard({}), 'deliveryByState'));
  });

  it('filtered to a month and a category, a state row counts the deliveries purchased then with an item of the category', async () => {
    const [pick] = await gold(`SELECT d.customer_state, strftime(date_trunc('month', d.purchased_at), '%Y-%m-01') AS month, coalesce(p.product_category_name_english, 'unknown') AS category
      FROM gold.delivery_performance AS d JOIN silver.order_items AS i USING (order_id) LEFT JOIN silver.products AS p USING (product_id)
      WHERE NOT d.is_outlier GROUP BY ALL ORDER BY count(*) DESC, 1, 2, 3 LIMIT 1`);
    const { customer_state, month, category } = pick as Record<string, string>;
    const [expected] = await gold(`SELECT count(*) AS orders, 1 - avg(is_late::INTEGER) AS on_time_rate FROM gold.delivery_performance
      WHERE NOT is_outlier AND customer_state = '${customer_state}' AND strftime(date_trunc('month', purchased_at), '%Y-%m-01') = '${month}'
        AND order_id IN (SELECT order_id FROM silver.order_items LEFT JOIN silver.products USING (product_id) WHERE coalesce(product_category_name_english, 'unknown') = '${category!.replaceAll("'", "''")}')`);
    const row = chartRows(await lakehouse().dashboard({ month, category }), 'deliveryByState').find((r) => r.customer_state === customer_state);
    expect(row).toMatchObject({ orders: expected!.orders });
    expect(row!.on_time_rate).toBeCloseTo(Number(expected!.on_time_rate), 9);
  });
});

describe('customer charts', () => {
  it('unfiltered, segment sizes and revenue are gold.rfm, segments in rule order', async () => {
    const rows = chartRows(await lakehouse().dashboard({}), 'rfmSegments');
    const expected = await gold('SELECT segment, count(*) AS customers, sum(monetary)::DOUBLE AS revenue FROM gold.rfm GROUP BY segment');
    expect(rows.map((r) => r.segment)).toEqual(RFM_SEGMENTS.filter((s) => expected.some((e) => e.segment === s)));
    for (const row of rows) {
      const e = expected.find((x) => x.segment === row.segment)!;
      expect(row.customers, String(row.segment)).toBe(e.customers);
      expectCents(Number(row.revenue), Number(e.revenue), String(row.segment));
    }
    expect(sum(rows, 'customer_share')).toBeCloseTo(1, 9);
    expect(sum(rows, 'revenue_share')).toBeCloseTo(1, 9);
  });

  it('unfiltered, the CLV histogram counts every customer of gold.customer_ltv in bins of one width', async () => {
    const rows = chartRows(await lakehouse().dashboard({}), 'clvHistogram');
    const [expected] = await gold('SELECT count(*) AS n FROM gold.customer_ltv');
    expect(sum(rows, 'customers')).toBe(expected!.n);
    const width = Number(rows[0]!.clv_to) - Number(rows[0]!.clv_from);
    expect(rows.every((r) => Number(r.clv_to) - Number(r.clv_from) === width && Number(r.clv_from) % width === 0)).toBe(true);
    expect(rows.length).toBeLessThanOrEqual(CLV_BINS + 1);
    // Only the last bin can overflow, and it holds exactly the customers from its start up.
    expect(rows.every((r) => r.is_overflow === (Number(r.clv_from) === CLV_BINS * width))).toBe(true);
    const [above] = await gold(`SELECT count(*) AS n FROM gold.customer_ltv WHERE predicted_clv >= ${CLV_BINS * width}`);
    expect(sum(rows.filter((r) => r.is_overflow), 'customers')).toBe(above!.n);
  });

  it('unfiltered, the segment heatmap is gold.customer_segments, cells in band order', async () => {
    const rows = chartRows(await lakehouse().dashboard({}), 'customerSegments');
    const expected = await gold('SELECT frequency_band, aov_band, count(*) AS customers FROM gold.customer_segments GROUP BY ALL');
    const cells = FREQUENCY_BANDS.flatMap((f) => AOV_BANDS.map((a) => `${f}/${a}`)).filter((c) => expected.some((e) => `${e.frequency_band}/${e.aov_band}` === c));
    expect(rows.map((r) => `${r.frequency_band}/${r.aov_band}`)).toEqual(cells);
    for (const row of rows) {
      const e = expected.find((x) => x.frequency_band === row.frequency_band && x.aov_band === row.aov_band)!;
      expect(row.customers, `${row.frequency_band}/${row.aov_band}`).toBe(e.customers);
    }
    expect(sum(rows, 'share')).toBeCloseTo(1, 9);
  });

  it('filtered to a state, every customer chart counts the customers with a revenue-bearing order there', async () => {
    const state = await busiestState();
    const data = await lakehouse().dashboard({ customerState: state });
    const [expected] = await gold(`SELECT count(DISTINCT customer_unique_id) AS n FROM gold.order_facts WHERE is_revenue_bearing AND customer_state = '${state}'`);
    for (const chart of ['rfmSegments', 'clvHistogram', 'customerSegments'] as const) expect(sum(chartRows(data, chart), 'customers'), chart).toBe(expected!.n);
  });

  // Counted independently from gold, row by row, for each way the pre-counted cube can be cut.
  const busiestMonth = async () =>
    String((await gold(`SELECT strftime(date_trunc('month', purchased_at), '%Y-%m-01') AS m FROM gold.order_facts WHERE is_revenue_bearing GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`))[0]!.m);
  const cuts = [
    ['a month', async () => ({ month: await busiestMonth() })],
    ['a state and a month', async () => ({ customerState: await busiestState(), month: await busiestMonth() })],
    ['a state, a month and a category', async () => ({ customerState: await busiestState(), month: await busiestMonth(), category: 'bed_bath_table' })],
  ] as const;
  it.each(cuts)('filtered to %s, segments, bands and CLV bins count each customer once, with their revenue there', async (_name, makeFilter) => {
    const filter = await makeFilter();
    const data = await lakehouse().dashboard(filter);
    const conditions = [
      'f.is_revenue_bearing',
      ...('customerState' in filter ? [`f.customer_state = '${filter.customerState}'`] : []),
      ...('month' in filter ? [`date_trunc('month', f.purchased_at) = DATE '${filter.month}'`] : []),
    ].join(' AND ');
    // Revenue under a category is its items' revenue (as on the category chart).
    const lines =
      'category' in filter
        ? `SELECT f.customer_unique_id, i.price + i.freight_value AS revenue FROM gold.order_facts AS f JOIN silver.order_items AS i USING (order_id)
             LEFT JOIN silver.products AS p USING (product_id)
           WHERE ${conditions} AND coalesce(p.product_category_name_english, 'unknown') = '${filter.category}'`
        : `SELECT f.customer_unique_id, f.revenue FROM gold.order_facts AS f WHERE ${conditions}`;
    const expected = await gold(`SELECT r.segment, count(DISTINCT l.customer_unique_id) AS customers, sum(l.revenue)::DOUBLE AS revenue
      FROM (${lines}) AS l JOIN gold.rfm AS r USING (customer_unique_id) GROUP BY r.segment`);
    const [total] = await gold(`SELECT count(DISTINCT customer_unique_id) AS n FROM (${lines}) JOIN gold.customer_ltv USING (customer_unique_id)`);
    expect(Number(total!.n)).toBeGreaterThan(0);
    const rfm = chartRows(data, 'rfmSegments');
    expect(rfm.map((r) => r.segment).sort()).toEqual(expected.map((e) => e.segment).sort());
    for (const row of rfm) {
      const e = expected.find((x) => x.segment === row.segment)!;
      expect(row.customers, String(row.segment)).toBe(e.customers);
      expectCents(Number(row.revenue), Number(e.revenue), String(row.segment));
    }
    for (const chart of ['clvHistogram', 'customerSegments'] as const) expect(sum(chartRows(data, chart), 'customers'), chart).toBe(total!.n);
  });
});
