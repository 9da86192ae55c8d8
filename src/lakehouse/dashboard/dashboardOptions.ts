import type { Engine } from '../../engine/interface';

/** The values each filter can take, for the dashboard's select boxes. */
export interface DashboardOptions {
  customerStates: string[];
  categories: string[];
  /** `YYYY-MM-01`, oldest first. */
  months: string[];
}

/** The states, categories and months that have revenue, from the gold tables. */
export async function queryDashboardOptions(engine: Engine): Promise<DashboardOptions> {
  const table = await engine.query(`SELECT 'customerStates' AS list, customer_state AS value FROM gold.revenue_by_state
UNION ALL SELECT 'categories', category FROM gold.revenue_by_category
UNION ALL SELECT 'months', strftime(month, '%Y-%m-01') FROM gold.revenue_monthly
ORDER BY list, value`);
  const options: DashboardOptions = { customerStates: [], categories: [], months: [] };
  for (const row of table.toArray()) options[row.list as keyof DashboardOptions].push(String(row.value));
  return options;
}
