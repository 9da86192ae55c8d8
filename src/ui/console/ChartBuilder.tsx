import { useEffect, useMemo, useState } from 'react';
import { tableFromIPC } from 'apache-arrow';
import type { GridColumn } from '../../lakehouse/grid/gridTypes';
import type { ChartRows } from '../../lakehouse/console/chartRows';
import { CHART_ROW_CAP } from '../../lakehouse/console/chartRows';
import { formatCount } from '../format';
import { VegaChart, type ChartRow } from '../dashboard/VegaChart';
import { CHART_MARKS, chartSpec, defaultChoice, type ChartChoice, type ChartMark } from './chartSpec';

interface Props {
  /** The console result's columns. */
  columns: GridColumn[];
  /** Identifies the result (a new run is a new result). */
  resultId: number;
  chartRows: (fields: string[]) => Promise<ChartRows>;
}

/** "Chart this": a mark and the columns for x, y and colour, drawn from the result's first rows. */
export default function ChartBuilder({ columns, resultId, chartRows }: Props) {
  const [choice, setChoice] = useState<ChartChoice | undefined>(() => defaultChoice(columns));
  const [data, setData] = useState<{ key: string; rows: ChartRow[]; total: number }>();
  const [error, setError] = useState<string>();
  const key = choice ? `${resultId}:${choice.x}:${choice.y}:${choice.color ?? ''}` : '';

  useEffect(() => {
    if (!choice) return;
    let current = true;
    setError(undefined);
    const fields = [choice.x, choice.y, ...(choice.color ? [choice.color] : [])];
    chartRows(fields).then(
      (r) => current && setData({ key, rows: tableFromIPC(r.ipc).toArray().map((row) => row.toJSON() as ChartRow), total: r.total }),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps -- key stands for the choice of columns

  const spec = useMemo(() => (choice ? chartSpec(choice, columns) : undefined), [choice, columns]);
  if (!choice || !spec) return <p className="hint">The result has no columns to chart.</p>;
  const set = (change: Partial<ChartChoice>) => setChoice({ ...choice, ...change });
  const options = columns.map((c) => (
    <option key={c.name} value={c.name}>
      {c.name} ({c.type})
    </option>
  ));
  return (
    <section className="chart-builder" aria-labelledby="chart-builder-title">
      <h3 id="chart-builder-title">Chart this result</h3>
      <div className="chart-controls">
        <div>
          <label htmlFor="chart-mark">Mark</label>
          <select id="chart-mark" value={choice.mark} onChange={(e) => set({ mark: e.target.value as ChartMark })}>
            {CHART_MARKS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="chart-x">X</label>
          <select id="chart-x" value={choice.x} onChange={(e) => set({ x: e.target.value })}>
            {options}
          </select>
        </div>
        <div>
          <label htmlFor="chart-y">Y</label>
          <select id="chart-y" value={choice.y} onChange={(e) => set({ y: e.target.value })}>
            {options}
          </select>
        </div>
        <div>
          <label htmlFor="chart-color">Colour</label>
          <select id="chart-color" value={choice.color ?? ''} onChange={(e) => set({ color: e.target.value || undefined })}>
            <option value="">none</option>
            {options}
          </select>
        </div>
      </div>
      {error && (
        <p className="error" role="alert">
          Could not chart the result: {error}
        </p>
      )}
      {data && data.total > CHART_ROW_CAP && (
        <p className="hint" data-testid="chart-cap">
          Charting the first {formatCount(CHART_ROW_CAP)} of {formatCount(data.total)} rows.
        </p>
      )}
      {data?.total === 0 && <p className="hint">The result has no rows to chart.</p>}
      <div className="chart-area" data-testid="console-chart">
        <VegaChart spec={spec} rows={data?.key === key ? data.rows : undefined} selected={null} dataKey={data?.key === key ? key : undefined} />
      </div>
    </section>
  );
}
