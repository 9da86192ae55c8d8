import { useCallback, useMemo, useState } from 'react';
import type { ChartDefinition } from '../dashboard/chartCatalog';
import type { ChartResult } from '../dashboard/decodeDashboard';
import { VegaChart } from '../dashboard/VegaChart';
import type { Mask } from './maskPii';
import { MaskedGrid } from './MaskedGrid';

interface Props {
  definition: ChartDefinition;
  result?: ChartResult;
  dataKey?: string;
  selected: string | null;
  mask: Mask;
  onPick: (definition: ChartDefinition, key: string) => void;
  onRendered: (chart: ChartDefinition['id'], dataKey: string) => void;
}

/**
 * One chart of an embed: the title, the chart and "View data" (its rows, masked). No
 * downloads and no SQL: the embed is a window onto the numbers, not a workbench.
 */
export function EmbedChart({ definition, result, dataKey, selected, mask, onPick, onRendered }: Props) {
  const { id, title, description } = definition;
  const [showData, setShowData] = useState(false);
  const spec = useMemo(() => ({ ...definition.spec, description: `${title}. ${description}` }), [definition, title, description]);
  const pick = useCallback((key: string) => onPick(definition, key), [onPick, definition]);
  const rendered = useCallback((key: string) => onRendered(id, key), [onRendered, id]);
  return (
    <section className="chart-card embed-chart" aria-labelledby={`chart-${id}-title`} aria-describedby={`chart-${id}-description`} data-chart={id} data-testid={`chart-${id}`}>
      <h2 id={`chart-${id}-title`}>{title}</h2>
      <p className="chart-description" id={`chart-${id}-description`}>
        {description}
      </p>
      <div className="chart-body" aria-busy={result === undefined}>
        <VegaChart spec={spec} rows={result?.rows} selected={selected} dataKey={dataKey} onPick={definition.filterBy ? pick : undefined} onRendered={rendered} />
        {result === undefined && <p className="chart-note">Loading…</p>}
        {result !== undefined && result.rows.length === 0 && <p className="chart-note">Nothing to show under these filters.</p>}
      </div>
      <div className="chart-actions">
        <button type="button" aria-expanded={showData} aria-controls={`chart-${id}-data`} onClick={() => setShowData((s) => !s)} disabled={!result}>
          {showData ? 'Hide data' : 'View data'}
        </button>
      </div>
      {showData && result && (
        <div className="chart-data" id={`chart-${id}-data`}>
          <MaskedGrid data={result.table} label={`Data of ${title}`} mask={mask} />
        </div>
      )}
    </section>
  );
}
