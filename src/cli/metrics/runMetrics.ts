import { Counter, Gauge, Registry } from 'prom-client';
import type { RunReport } from '../../pipeline/runReport';

const MODEL_STATUSES = ['success', 'failed', 'skipped'] as const;
const EXPECTATION_STATUSES = ['pass', 'fail', 'error', 'skipped'] as const;
const SEVERITIES = ['error', 'warn'] as const;

/**
 * The run metrics the CLI exposes (textfile, Pushgateway, /metrics in watch mode), with
 * Prometheus' naming rules: units in the names, `_total` only on counters, and labels of
 * low cardinality (layer, model, severity, status) — never a value from the data.
 * The gauges describe the last run; the counters add up over the process's runs.
 */
export class RunMetrics {
  readonly registry = new Registry();
  private readonly runs: Counter<'status'>;
  private readonly duration: Gauge;
  private readonly success: Gauge;
  private readonly lastRun: Gauge;
  private readonly lastSuccess: Gauge;
  private readonly rowsPerSecond: Gauge;
  private readonly quarantined: Gauge;
  private readonly layerRows: Gauge<'layer'>;
  private readonly modelDuration: Gauge<'layer' | 'model'>;
  private readonly modelRows: Gauge<'layer' | 'model'>;
  private readonly modelStatus: Gauge<'layer' | 'model' | 'status'>;
  private readonly modelRetries: Gauge<'layer' | 'model'>;
  private readonly modelRetriesTotal: Counter<'layer' | 'model'>;
  private readonly expectations: Gauge<'severity' | 'status'>;

  constructor() {
    const registers = [this.registry];
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) => new Gauge<L>({ name, help, labelNames, registers });
    this.runs = new Counter({ name: 'lakehouse_runs_total', help: 'Pipeline runs (batches in watch mode) this process finished, by outcome.', labelNames: ['status'], registers });
    this.duration = gauge('lakehouse_run_duration_seconds', 'Wall time of the last run: loading, models, expectations and writing.');
    this.success = gauge('lakehouse_run_success', '1 when the last run succeeded (no input, model or error-severity expectation failed), else 0.');
    this.lastRun = gauge('lakehouse_run_last_timestamp_seconds', 'When the last run finished (Unix time).');
    this.lastSuccess = gauge('lakehouse_run_last_success_timestamp_seconds', 'When the last successful run finished (Unix time); absent before the first.');
    this.rowsPerSecond = gauge('lakehouse_run_rows_per_second', 'Bronze rows loaded per second of the last run.');
    this.quarantined = gauge('lakehouse_quarantined_rows', 'Rows in quarantine after the last run (loaders and silver models).');
    this.layerRows = gauge('lakehouse_layer_rows', 'Rows per layer after the last run.', ['layer']);
    this.modelDuration = gauge('lakehouse_model_duration_seconds', 'Time each model took to build in the last run, retries included.', ['layer', 'model']);
    this.modelRows = gauge('lakehouse_model_rows', 'Rows each model built in the last run.', ['layer', 'model']);
    this.modelStatus = gauge('lakehouse_model_status', '1 for the status each model ended the last run with (success, failed, skipped), 0 for the others.', ['layer', 'model', 'status']);
    this.modelRetries = gauge('lakehouse_model_retries', 'Retries each model needed in the last run (0: built on its first try).', ['layer', 'model']);
    this.modelRetriesTotal = new Counter({ name: 'lakehouse_model_retries_total', help: 'Retries of each model over this process\'s runs.', labelNames: ['layer', 'model'], registers });
    this.expectations = gauge('lakehouse_expectations', 'Expectation results of the last run by severity and status (pass, fail, error: could not run, skipped).', ['severity', 'status']);
  }

  /** Sets the gauges to `report`'s run and counts it; `ok` is the CLI's verdict on it. */
  record(report: RunReport, ok: boolean): void {
    const finished = Date.parse(report.finished_at) / 1000;
    const seconds = Math.max(0, finished - Date.parse(report.started_at) / 1000);
    this.runs.inc({ status: ok ? 'success' : 'failed' });
    this.duration.set(seconds);
    this.success.set(ok ? 1 : 0);
    this.lastRun.set(finished);
    if (ok) this.lastSuccess.set(finished);
    this.rowsPerSecond.set(seconds > 0 ? report.totals.bronze_rows / seconds : 0);
    this.quarantined.set(report.tables.filter((t) => t.table.startsWith('quarantine.')).reduce((n, t) => n + t.rows, 0));

    // A model or layer gone since the previous run must not keep its old value.
    for (const g of [this.layerRows, this.modelDuration, this.modelRows, this.modelStatus, this.modelRetries, this.expectations]) g.reset();
    const layers = new Map<string, number>();
    for (const t of report.tables) layers.set(t.table.split('.')[0]!, (layers.get(t.table.split('.')[0]!) ?? 0) + t.rows);
    for (const [layer, rows] of layers) this.layerRows.set({ layer }, rows);
    for (const m of report.models) {
      const labels = { layer: m.layer, model: m.name };
      this.modelDuration.set(labels, m.milliseconds / 1000);
      this.modelRows.set(labels, m.rows);
      for (const status of MODEL_STATUSES) this.modelStatus.set({ ...labels, status }, m.status === status ? 1 : 0);
      const retries = Math.max(0, (m.attempts ?? 1) - 1);
      this.modelRetries.set(labels, retries);
      this.modelRetriesTotal.inc(labels, retries);
    }
    for (const severity of SEVERITIES) {
      for (const status of EXPECTATION_STATUSES) {
        this.expectations.set({ severity, status }, report.expectations.filter((e) => e.severity === severity && e.status === status).length);
      }
    }
  }

  /** The Prometheus text exposition format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
