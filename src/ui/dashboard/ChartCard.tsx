import { memo, useCallback, useMemo, useState } from 'react';
import type { View } from 'vega';
import type { ChartDefinition } from './chartCatalog';
import { ChartDataView } from './ChartDataView';
import type { ChartResult } from './decodeDashboard';
import { downloadChart, type ImageFormat } from './downloadChart';
import { VegaChart } from './VegaChart';

interface Props {
  definition: ChartDefinition;
  result?: ChartResult;
  dataKey?: string;
  selected: string | null;
  /** The run is still building this chart's tables (it builds gold in order of need). */
  pending?: boolean;
  onPick?: (definition: ChartDefinition, key: string) => void;
}

/**
 * One chart with its title, description, and its "view data" and download buttons.
 * Memoised: while an update runs, each chart's rows arrive on their own, and only that
 * chart should re-render.
 */
export const ChartCard = memo(function ChartCard({ definition, result, dataKey, selected, pending = false, onPick }: Props) {
  const { id, title, description } = definition;
  const [view, setView] = useState<View>();
  const [showData, setShowData] = useState(false);
  const spec = useMemo(() => ({ ...definition.spec, description: `${title}. ${description}` }), [definition, title, description]);
  const pick = useCallback((key: string) => onPick?.(definition, key), [onPick, definition]);
  const download = (format: ImageFormat) => view && void downloadChart(view, format, definition.fileName);
  const empty = result !== undefined && result.rows.length === 0;
  return (
    <section className="chart-card" aria-labelledby={`chart-${id}-title`} aria-describedby={`chart-${id}-description`} data-chart={id} data-testid={`chart-${id}`}>
      <h3 id={`chart-${id}-title`}>{title}</h3>
      <p className="chart-description" id={`chart-${id}-description`}>
        {description}
      </p>
      <div className="chart-body" aria-busy={result === undefined}>
        <VegaChart spec={spec} patch={definition.patch} rows={result?.rows} selected={selected} dataKey={dataKey} onPick={definition.filterBy ? pick : undefined} onView={setView} />
        {result === undefined && <p className="chart-note">{pending ? 'Building this chart…' : 'Loading…'}</p>}
        {empty && <p className="chart-note">Nothing to show under these filters.</p>}
      </div>
      <div className="chart-actions">
        <button type="button" aria-expanded={showData} aria-controls={`chart-${id}-data`} onClick={() => setShowData((s) => !s)} disabled={!result}>
          {showData ? 'Hide data' : 'View data'}
        </button>
        <button type="button" onClick={() => download('png')} disabled={!view}>
          Download PNG
        </button>
        <button type="button" onClick={() => download('svg')} disabled={!view}>
          Download SVG
        </button>
      </div>
      {showData && result && <ChartDataView id={`chart-${id}-data`} title={title} result={result} />}
    </section>
  );
});
