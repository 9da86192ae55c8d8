/**
 * An independent reference implementation of the gold metrics of DESIGN §6, in plain
 * TypeScript (no SQL, no DuckDB), computed straight from the Olist CSV files, so that tests
 * can compare the SQL gold tables against it.
 *
 * It follows §6 literally. Where §6 is silent, these are the choices made here:
 * - Silver (see silverReference.ts): a blank text value is missing; quarantine first, then
 *   de-duplication keeps the first remaining row per key in file order; an order with a
 *   missing or uncastable purchase timestamp and an item with a missing or uncastable
 *   price/freight_value are quarantined (they feed nothing); other uncastable timestamps
 *   become NULL. Items whose order is not in silver.orders feed nothing.
 * - An order's customer is "unknown" when its customer_id is missing or has no silver
 *   customer; such an order has no customer_unique_id (it is left out of the customer tables)
 *   and its customer_state is 'unknown' (revenue_by_state, delivery_performance,
 *   delivery_by_state). A customer row without a state also gives 'unknown'. A customer row
 *   without a customer_unique_id keeps its state but the order counts as unknown-customer
 *   revenue (no person to attach it to).
 * - A NULL order_status is not revenue-bearing (`NULL NOT IN (...)` is not true in SQL).
 * - rfm reference date: max purchase timestamp over ALL silver orders (any status, with or
 *   without items) ::DATE + 1 day. Ties in NTILE orderings are broken by customer_unique_id in
 *   binary (code point) order, DuckDB's default collation.
 * - customer_ltv.avg_order_value = revenue / orders as an unrounded double (DuckDB's `/`);
 *   predicted_clv is not reproduced: its formula belongs to the SQL model file.
 * - customer_segments quantiles: quantile_cont(1/3) and quantile_cont(2/3) over
 *   avg_order_value of every customer_ltv row, DuckDB interpolation (position q × (n − 1)).
 * - delivery_performance keeps every `delivered` order with a delivered date, with or without
 *   items. A NULL estimated date gives NULL estimated_days, delay_days and is_late. In
 *   is_outlier, a comparison with a NULL approved/carrier date counts as false, so the flag is
 *   never NULL. delivery_days > 365 is measured in fractional days.
 * - delivery_by_state: only the customer_state breakdown (the seller_state and purchase-month
 *   breakdowns §6 mentions are not gold tables of the column table). on_time_rate =
 *   1 − avg(is_late) over rows whose is_late is not NULL; a state whose rows are all outliers
 *   has no row. median_delivery_days = quantile_cont(0.5).
 * - revenue_by_category: an item whose product is missing from silver.products is 'unknown',
 *   like a product without a category; a translation row with an empty English name falls
 *   back to the Portuguese name.
 * - revenue_by_state.customers counts distinct non-NULL customer_unique_id (COUNT DISTINCT),
 *   so the 'unknown' state has 0 customers.
 * - Rows are sorted by each table's key (binary text order). Money: `<x>_cents` is exact,
 *   `<x>` = cents / 100.
 */
import { silverReference, type CsvFile, type SilverCounts } from './silverReference';
import { revenueOrders } from './revenueOrders';
import { customerLtv, customerSegments, rfm } from './customerMetrics';
import { deliveryByState, deliveryPerformance } from './deliveryMetrics';
import { revenueByCategory, revenueByState, revenueMonthly } from './revenueMetrics';
import { dayNumber, formatDay } from './castValues';
import type {
  CustomerLtvRow,
  CustomerSegmentRow,
  DeliveryByStateRow,
  DeliveryPerformanceRow,
  GoldReferenceChecks,
  RevenueByCategoryRow,
  RevenueByStateRow,
  RevenueMonthlyRow,
  RfmRow,
} from './goldTypes';

export type * from './goldTypes';

export interface GoldReference {
  customer_ltv: CustomerLtvRow[];
  rfm: RfmRow[];
  customer_segments: CustomerSegmentRow[];
  delivery_performance: DeliveryPerformanceRow[];
  delivery_by_state: DeliveryByStateRow[];
  revenue_by_category: RevenueByCategoryRow[];
  revenue_by_state: RevenueByStateRow[];
  revenue_monthly: RevenueMonthlyRow[];
  /** aov_band boundaries (currency units); null without customers. */
  aov_quantiles: { q33: number | null; q67: number | null };
  checks: GoldReferenceChecks;
  /** bronze / silver / duplicates / quarantined rows per logical source. */
  silver_counts: Record<string, SilverCounts>;
}

export function computeGoldReference(files: readonly CsvFile[]): GoldReference {
  const silver = silverReference(files);
  const orders = revenueOrders(silver);

  let maxPurchase: number | null = null;
  for (const o of silver.orders) if (maxPurchase === null || o.purchased_at > maxPurchase) maxPurchase = o.purchased_at;
  const referenceDay = maxPurchase === null ? null : dayNumber(maxPurchase) + 1;

  const ltv = customerLtv(orders);
  const segments = customerSegments(ltv);
  const performance = deliveryPerformance(silver.orders, silver.customers);

  const unknown = orders.filter((o) => o.customer_unique_id === null);
  const sum = (list: readonly { revenue_cents: number }[]) => list.reduce((s, o) => s + o.revenue_cents, 0);

  return {
    customer_ltv: ltv,
    rfm: referenceDay === null ? [] : rfm(orders, referenceDay),
    customer_segments: segments.rows,
    delivery_performance: performance,
    delivery_by_state: deliveryByState(performance),
    revenue_by_category: revenueByCategory(orders, silver.products),
    revenue_by_state: revenueByState(orders),
    revenue_monthly: revenueMonthly(orders),
    aov_quantiles: { q33: segments.q33, q67: segments.q67 },
    checks: {
      reference_date: referenceDay === null ? null : formatDay(referenceDay),
      revenue_bearing_orders: orders.length,
      total_revenue_cents: sum(orders),
      unknown_customer_orders: unknown.length,
      unknown_customer_revenue_cents: sum(unknown),
    },
    silver_counts: silver.counts,
  };
}
