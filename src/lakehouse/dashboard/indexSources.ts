/**
 * The row-level relations the chart indexes aggregate (ChartIndex.source), over the
 * dashboard's working tables (dashboardTables.ts). Each has customer_state and month;
 * the `byCategory` ones also category.
 */

/** Revenue-bearing orders (one row each) or, by category, their items. */
export const revenueRows = (byCategory: boolean) => (byCategory ? 'SELECT * FROM dashboard.items' : 'SELECT * FROM dashboard.orders WHERE is_revenue_bearing');

/**
 * Non-outlier deliveries, or by category one row per delivery and category the order has
 * items of: under a category filter a delivery counts once, in each of its categories.
 */
export const deliveryRows = (byCategory: boolean) =>
  byCategory
    ? 'SELECT d.*, c.category FROM dashboard.deliveries AS d JOIN (SELECT DISTINCT order_key, category FROM dashboard.items) AS c USING (order_key)'
    : 'SELECT * FROM dashboard.deliveries';

/** Revenue rows of known customers: the customer charts' base. */
export const customerRows = (byCategory: boolean) => `SELECT * FROM (${revenueRows(byCategory)}) WHERE customer_key IS NOT NULL`;
