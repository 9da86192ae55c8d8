import type { Engine } from '../../engine/interface';

/** One headline number of the report; `kind` says how to format it. */
export interface ReportNumber {
  label: string;
  value: number | null;
  kind: 'money' | 'count' | 'percent' | 'days';
}

/**
 * The report's headline numbers, straight from gold with the definitions of DESIGN.md §6:
 * revenue and orders from revenue_by_state (revenue-bearing orders, items plus freight),
 * customers from customer_ltv, delivery from delivery_performance without outliers.
 */
export async function reportNumbers(engine: Engine): Promise<ReportNumber[]> {
  const t = await engine.query(`SELECT
      (SELECT sum(revenue)::DOUBLE FROM gold.revenue_by_state) AS revenue,
      (SELECT sum(orders)::DOUBLE FROM gold.revenue_by_state) AS orders,
      (SELECT count(*)::DOUBLE FROM gold.customer_ltv) AS customers,
      (SELECT avg((orders >= 2)::INTEGER)::DOUBLE FROM gold.customer_ltv) AS repeat_share,
      (SELECT (1 - avg(is_late::INTEGER))::DOUBLE FROM gold.delivery_performance WHERE NOT is_outlier) AS on_time,
      (SELECT median(delivery_days)::DOUBLE FROM gold.delivery_performance WHERE NOT is_outlier) AS median_days`);
  const r = t.get(0)!.toJSON() as Record<string, number | null>;
  const aov = r.revenue !== null && r.orders ? r.revenue / r.orders : null;
  return [
    { label: 'Revenue (items plus freight)', value: r.revenue, kind: 'money' },
    { label: 'Revenue-bearing orders', value: r.orders, kind: 'count' },
    { label: 'Average order value', value: aov, kind: 'money' },
    { label: 'Customers', value: r.customers, kind: 'count' },
    { label: 'Customers with more than one order', value: r.repeat_share, kind: 'percent' },
    { label: 'Delivered on time', value: r.on_time, kind: 'percent' },
    { label: 'Median delivery time', value: r.median_days, kind: 'days' },
  ];
}
