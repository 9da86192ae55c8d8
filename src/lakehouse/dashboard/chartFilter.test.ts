import { describe, expect, it } from 'vitest';
import { CHART_IDS, chartFilter } from './chartId';
import { chartRows, queryRows, useDemoLakehouse } from './testing/demoLakehouse';

/*
 * The page re-queries only the charts whose part of the filter changed (chartFilter). That
 * is only right if a chart's rows under a filter are its rows under chartFilter of it.
 */

const lakehouse = useDemoLakehouse();

describe('chartFilter', () => {
  it('drops the dimension a chart is drawn along, except for the category chart', () => {
    const filter = { customerState: 'SP', category: 'toys', month: '2017-03-01' };
    expect(chartFilter('revenueByState', filter)).toEqual({ category: 'toys', month: '2017-03-01' });
    expect(chartFilter('deliveryByState', filter)).toEqual({ category: 'toys', month: '2017-03-01' });
    expect(chartFilter('revenueMonthly', filter)).toEqual({ customerState: 'SP', category: 'toys' });
    expect(chartFilter('revenueByCategory', filter)).toEqual(filter);
    expect(chartFilter('rfmSegments', filter)).toEqual(filter);
  });

  it("gives every chart the same rows as the whole filter, so skipping its query is safe", async () => {
    const [top] = await queryRows(lakehouse(), `SELECT f.customer_state, strftime(f.purchased_at, '%Y-%m-01') AS month, coalesce(p.product_category_name_english, 'unknown') AS category
      FROM gold.order_facts AS f JOIN silver.order_items USING (order_id) LEFT JOIN silver.products AS p USING (product_id)
      WHERE f.is_revenue_bearing GROUP BY ALL ORDER BY count(*) DESC, 1, 2, 3 LIMIT 1`);
    const { customer_state, month, category } = top as Record<string, string>;
    for (const filter of [{ customerState: customer_state }, { month }, { category }, { customerState: customer_state, month, category }]) {
      const whole = await lakehouse().dashboard(filter);
      for (const chart of CHART_IDS) {
        const own = await lakehouse().dashboard(chartFilter(chart, filter), [chart]);
        expect(chartRows(own, chart), `${chart} under ${JSON.stringify(filter)}`).toEqual(chartRows(whole, chart));
      }
    }
  });
});
