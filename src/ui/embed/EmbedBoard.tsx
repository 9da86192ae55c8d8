import { useCallback, useEffect, useRef } from 'react';
import type { ChartId } from '../../lakehouse/dashboard/chartId';
import { validateFilter, type DashboardFilter, type FilterDimension } from '../../lakehouse/dashboard/dashboardFilter';
import type { TableInfo } from '../../lakehouse/tableInfo';
import { CHARTS, type ChartDefinition } from '../dashboard/chartCatalog';
import { describeFilter, FilterBar } from '../dashboard/FilterBar';
import { useDashboardData, useDashboardOptions } from '../dashboard/useDashboardData';
import { filterKey } from '../views/urlState';
import type { EmbedChannel } from './embedChannel';
import { EmbedChart } from './EmbedChart';
import type { EmbedRequest } from './embedParams';
import { EmbedTable } from './EmbedTable';
import type { Mask } from './maskPii';
import type { useEmbedLakehouse } from './useEmbedLakehouse';

/** Options are queried only for the select boxes. */
const noOptions = async () => ({ customerStates: [], categories: [], months: [] });

interface Props {
  request: EmbedRequest;
  gold: TableInfo[];
  lake: ReturnType<typeof useEmbedLakehouse>;
  channel: EmbedChannel;
  mask: Mask;
  filter: DashboardFilter;
  onFilter: (filter: DashboardFilter) => void;
}

/**
 * The embed's charts and tables over ready data. A click on a chart filters the others,
 * as in the app, and tells the parent (`selection`); `ready` goes once every chart has
 * drawn its first rows and every table is shown.
 */
export function EmbedBoard({ request, gold, lake, channel, mask, filter, onFilter }: Props) {
  const state = useDashboardData(lake.dashboard, filter, request.charts);
  const options = useDashboardOptions(request.showFilters ? lake.dashboardOptions : noOptions);
  const definitions = request.charts.map((id) => CHARTS.find((c) => c.id === id)!);
  const tables = request.tables.map((name) => gold.find((t) => t.name === name));
  const missing = request.tables.filter((_, i) => !tables[i]);

  // `ready` once: when every chart has drawn and every table is shown (or failed to read).
  const shown = useRef(new Set<string>());
  const announced = useRef(false);
  const expected = request.charts.length + tables.filter(Boolean).length;
  const markShown = useCallback(
    (item: string) => {
      shown.current.add(item);
      if (announced.current || shown.current.size < expected) return;
      announced.current = true;
      channel.post({ type: 'pocket-lakehouse:ready', charts: request.charts });
    },
    [channel, expected, request.charts],
  );
  const onRendered = useCallback((chart: ChartId) => markShown(`chart:${chart}`), [markShown]);
  const onTableShown = useCallback((table: string) => markShown(`table:${table}`), [markShown]);
  useEffect(() => {
    if (expected === 0) markShown('');
  }, [expected, markShown]);

  const latest = useRef(filter);
  latest.current = filter;
  // A change made in the embed (select boxes, Clear) is the user's selection too; one from the parent is not echoed.
  const change = useCallback(
    (filter: DashboardFilter) => {
      const next = validateFilter(filter);
      if (filterKey(next) === filterKey(latest.current)) return;
      onFilter(next);
      channel.post({ type: 'pocket-lakehouse:selection', filter: next });
    },
    [channel, onFilter],
  );
  const pick = useCallback(
    (definition: ChartDefinition, key: string) => {
      const dimension = definition.filterBy!.dimension;
      const value = latest.current[dimension] === key ? null : key;
      const next = validateFilter({ ...latest.current, [dimension]: value ?? undefined });
      onFilter(next);
      channel.post({ type: 'pocket-lakehouse:selection', filter: next, chart: definition.id, dimension, value });
    },
    [channel, onFilter],
  );

  const active = (Object.entries(filter) as [FilterDimension, string | undefined][]).filter(([, v]) => v);
  return (
    <div className="embed-board" data-filter-key={state.key}>
      {missing.length > 0 && (
        <p className="error" role="alert">
          No gold table named {missing.join(', ')}. The gold tables are: {gold.map((t) => t.name).join(', ')}.
        </p>
      )}
      {state.error && (
        <p className="error" role="alert">
          The charts could not be queried: {state.error}
        </p>
      )}
      {definitions.length > 0 && request.showFilters && <FilterBar filter={filter} options={options} onChange={change} />}
      {definitions.length > 0 && (
        <div className="embed-filter" role="status">
          <span>{state.loading ? 'Updating…' : active.length ? active.map(([d, v]) => describeFilter(d, v!)).join(' · ') : 'All orders'}</span>
          {active.length > 0 && !request.showFilters && (
            <button type="button" onClick={() => change({})}>
              Clear filters
            </button>
          )}
        </div>
      )}
      {definitions.length > 0 && (
        <div className="chart-grid embed-grid">
          {definitions.map((definition) => (
            <EmbedChart
              key={definition.id}
              definition={definition}
              result={state.charts?.get(definition.id)}
              dataKey={state.chartKeys.get(definition.id)}
              selected={definition.filterBy ? (filter[definition.filterBy.dimension] ?? null) : null}
              mask={mask}
              onPick={pick}
              onRendered={onRendered}
            />
          ))}
        </div>
      )}
      {tables.map((t) => t && <EmbedTable key={t.name} table={t} preview={lake.goldPreview} mask={mask} onShown={onTableShown} />)}
    </div>
  );
}
