import type { RunTrends } from '../../lakehouse/runs/runTypes';
import type { ChartRow } from '../dashboard/VegaChart';

export interface TrendRows {
  duration: ChartRow[];
  models: ChartRow[];
  layers: ChartRow[];
  passRate: ChartRow[];
  quarantine: ChartRow[];
}

/**
 * The trend charts' rows: one per run (per run and model, per run and layer for the split
 * charts). `_key` is the run's id, which a click opens. The pass rate is over the
 * expectations that ran (passing, warnings, errors; skipped ones left out), so a run that
 * ran none (a load without a pipeline run) has no point there.
 */
export function trendRows(trends: RunTrends): TrendRows {
  const key = (run: number) => String(run);
  return {
    duration: trends.runs.map((r) => ({ _key: key(r.id), run: r.id, seconds: r.milliseconds / 1000, status: r.status })),
    models: trends.models.map((m, order) => ({ _key: key(m.run), run: m.run, model: m.model, layer: m.layer, milliseconds: m.milliseconds, rows: m.rows, order })),
    layers: trends.layers.map((l) => ({ _key: key(l.run), run: l.run, layer: l.layer, rows: l.rows })),
    passRate: trends.runs
      .filter((r) => r.expectationsPass + r.expectationsWarn + r.expectationsFail > 0)
      .map((r) => ({ _key: key(r.id), run: r.id, passRate: r.expectationsPass / (r.expectationsPass + r.expectationsWarn + r.expectationsFail), errors: r.expectationsFail, warnings: r.expectationsWarn })),
    quarantine: trends.runs.map((r) => ({ _key: key(r.id), run: r.id, quarantined: r.quarantinedRows })),
  };
}
