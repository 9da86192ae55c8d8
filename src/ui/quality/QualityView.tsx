import type { PipelineRun } from '../../pipeline/runner';
import type { TableInfo } from '../../lakehouse/tableInfo';
import type { LakehouseClient } from '../client/lakehouseClient';
import { BalanceTable } from './BalanceTable';
import { DuplicatesBrowser } from './DuplicatesBrowser';
import { ExpectationList } from './ExpectationList';
import { QuarantineBrowser } from './QuarantineBrowser';
import '../pipeline/pipeline.css';
import './quality.css';

/** The data-quality report of the last run: expectations, the bronze balance, the dropped duplicates, the quarantine. */
export function QualityView({ run, tables, api }: { run: PipelineRun; tables: TableInfo[]; api: () => LakehouseClient }) {
  const count = (status: string, severity?: string) => run.expectations.filter((e) => e.status === status && (!severity || e.severity === severity)).length;
  return (
    <div className="quality-view">
      <p data-testid="quality-summary">
        {run.expectations.length} expectations: {count('pass')} pass, {count('fail', 'error')} fail as errors, {count('fail', 'warn')} fail as warnings
        {count('error') > 0 ? `, ${count('error')} could not run` : ''}
        {count('skipped') > 0 ? `, ${count('skipped')} skipped (a table they read is not loaded)` : ''}.
      </p>
      <ExpectationList expectations={run.expectations} />
      <BalanceTable run={run} />
      <DuplicatesBrowser tables={tables} api={api} />
      <QuarantineBrowser tables={tables} api={api} />
    </div>
  );
}
