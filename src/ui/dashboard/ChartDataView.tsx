import { ArrowGrid } from '../tables/ArrowGrid';
import type { ChartResult } from './decodeDashboard';

interface Props {
  id: string;
  title: string;
  result: ChartResult;
}

/** "View data": the rows behind a chart, exactly as the worker returned them, and the SQL that made them. */
export function ChartDataView({ id, title, result }: Props) {
  return (
    <div className="chart-data" id={id}>
      <ArrowGrid data={result.table} label={`Data of ${title}`} />
      <details>
        <summary>SQL</summary>
        <pre className="chart-sql">{result.sql}</pre>
      </details>
    </div>
  );
}
