/**
 * Row shapes of the reference gold tables: the column names of DESIGN §6 (snake_case), plus a
 * few extra columns. Money is given twice: `<name>_cents` as an exact integer and `<name>` in
 * currency units (cents / 100). Timestamps are `YYYY-MM-DD HH:MM:SS`, dates `YYYY-MM-DD`.
 */

export interface CustomerLtvRow {
  customer_unique_id: string;
  orders: number;
  revenue: number;
  revenue_cents: number;
  /** revenue / orders in currency units, not rounded. */
  avg_order_value: number;
  first_purchase_at: string;
  last_purchase_at: string;
  lifespan_days: number;
}

export interface RfmRow {
  customer_unique_id: string;
  recency_days: number;
  frequency: number;
  monetary: number;
  monetary_cents: number;
  r_score: number;
  f_score: number;
  m_score: number;
  segment: Segment;
}

export type Segment =
  | 'Champions'
  | 'Loyal'
  | 'New'
  | 'Promising'
  | 'Needs attention'
  | 'At risk'
  | 'Hibernating';

export type FrequencyBand = 'one-time' | 'repeat' | 'loyal';
export type AovBand = 'low' | 'mid' | 'high';

export interface CustomerSegmentRow {
  customer_unique_id: string;
  frequency_band: FrequencyBand;
  aov_band: AovBand;
}

export interface DeliveryPerformanceRow {
  order_id: string;
  customer_state: string;
  purchased_at: string;
  delivered_at: string;
  estimated_at: string | null;
  delivery_days: number;
  estimated_days: number | null;
  delay_days: number | null;
  is_late: boolean | null;
  is_outlier: boolean;
}

export interface DeliveryByStateRow {
  customer_state: string;
  orders: number;
  on_time_rate: number | null;
  avg_delivery_days: number;
  median_delivery_days: number;
  avg_delay_days: number | null;
}

export interface RevenueByCategoryRow {
  category: string;
  orders: number;
  items: number;
  revenue: number;
  revenue_cents: number;
  product_revenue: number;
  product_revenue_cents: number;
}

export interface RevenueByStateRow {
  customer_state: string;
  orders: number;
  customers: number;
  revenue: number;
  revenue_cents: number;
}

export interface RevenueMonthlyRow {
  /** First day of the purchase month, `YYYY-MM-01`. */
  month: string;
  orders: number;
  revenue: number;
  revenue_cents: number;
}

/** Figures for cross-checks that are not gold tables themselves. */
export interface GoldReferenceChecks {
  /** (max purchase timestamp over all silver orders)::DATE + 1 day; null without orders. */
  reference_date: string | null;
  revenue_bearing_orders: number;
  total_revenue_cents: number;
  /** Revenue-bearing orders without a customer_unique_id (customer missing). */
  unknown_customer_orders: number;
  unknown_customer_revenue_cents: number;
}
