import { useMemo } from 'react';
import type { TopLevelSpec } from 'vega-lite';
import type { RunTrends as Trends } from '../../lakehouse/runs/runTypes';
import type { ChartRow } from '../dashboard/VegaChart';
import { VegaChart } from '../dashboard/VegaChart';
import { durationSpec, layerRowsSpec, modelDurationSpec, passRateSpec, quarantineSpec } from './trendSpecs';
import { trendRows } from './trendRows';

interface Props {
  trends: Trends;
  open?: number;
  onOpen: (id: number) => void;
}

const CHARTS: { id: keyof ReturnType<typeof trendRows>; title: string; description: string; spec: TopLevelSpec }[] = [
  { id: 'duration', title: 'Duration per run', description: 'Wall time of each run (load and pipeline), coloured by its state.', spec: durationSpec },
  { id: 'models', title: 'Duration per model', description: 'Each run’s time split by the models it built: a segment per model.', spec: modelDurationSpec },
  { id: 'layers', title: 'Rows per layer', description: 'Rows in each layer after each run.', spec: layerRowsSpec },
  { id: 'passRate', title: 'Data-quality pass rate', description: 'Share of the expectations that ran which passed (warnings and errors count against it).', spec: passRateSpec },
  { id: 'quarantine', title: 'Quarantined rows', description: 'Rows in quarantine after each run.', spec: quarantineSpec },
];

/** The trend charts, a mark per run (per run and model or layer for the split ones); a mark opens its run. */
export function RunTrends({ trends, open, onOpen }: Props) {
  const rows = useMemo(() => trendRows(trends), [trends]);
  const dataKey = trends.runs.map((r) => r.id).join(',');
  const pick = (key: string) => onOpen(Number(key));
  return (
    <section className="run-trends" aria-labelledby="run-trends-title">
      <h3 id="run-trends-title">Trends</h3>
      <div className="run-trend-grid">
        {CHARTS.map((c) => (
          <TrendCard key={c.id} id={c.id} title={c.title} description={c.description} spec={c.spec} rows={rows[c.id]} dataKey={dataKey} selected={open === undefined ? null : String(open)} onPick={pick} />
        ))}
      </div>
    </section>
  );
}

interface CardProps {
  id: string;
  title: string;
  description: string;
  spec: TopLevelSpec;
  rows: ChartRow[];
  dataKey: string;
  selected: string | null;
  onPick: (key: string) => void;
}

function TrendCard({ id, title, description, spec, rows, dataKey, selected, onPick }: CardProps) {
  const described = useMemo(() => ({ ...spec, description: `${title}. ${description}` }), [spec, title, description]);
  const columns = Object.keys(rows[0] ?? {}).filter((k) => k !== '_key' && k !== 'order');
  return (
    <section className="chart-card" aria-labelledby={`trend-${id}-title`} data-testid={`trend-${id}`} data-marks={rows.length}>
      <h4 id={`trend-${id}-title`}>{title}</h4>
      <p className="chart-description">{description}</p>
      <div className="chart-body">
        <VegaChart spec={described} rows={rows} selected={selected} dataKey={dataKey} onPick={onPick} />
      </div>
      <details>
        <summary>Data</summary>
        <table className="sources">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>{typeof r[c] === 'number' ? Number(r[c]).toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(r[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
