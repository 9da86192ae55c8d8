import { DASHBOARD_TABLES_SQL } from '../../lakehouse/dashboard/dashboardTables';
import { ArrowGrid } from '../tables/ArrowGrid';
import type { ChartResult } from './decodeDashboard';

interface Props {
  id: string;
  title: string;
  result: ChartResult;
}

/**
 * "View data": the rows behind a chart, exactly as the worker returned them, the SQL that
 * made them, and how the dashboard.* tables that SQL reads are built from gold (they are
 * working tables, not in the table list).
 */
export function ChartDataView({ id, title, result }: Props) {
  return (
    <div className="chart-data" id={id}>
      <ArrowGrid data={result.table} label={`Data of ${title}`} />
      <details>
        <summary>SQL</summary>
        <pre className="chart-sql">{result.sql}</pre>
      </details>
      <details>
        <summary>How the dashboard tables are built</summary>
        <pre className="chart-sql">{DASHBOARD_TABLES_SQL.trim()}</pre>
      </details>
    </div>
  );
}
