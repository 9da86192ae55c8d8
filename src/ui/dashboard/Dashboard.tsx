import { useCallback, useRef } from 'react';
import type { ChartId } from '../../lakehouse/dashboard/chartId';
import type { DashboardData } from '../../lakehouse/dashboard/dashboardData';
import type { DashboardFilter, FilterDimension } from '../../lakehouse/dashboard/dashboardFilter';
import type { DashboardOptions } from '../../lakehouse/dashboard/dashboardOptions';
import { filterKey } from '../views/urlState';
import { useUrlFilter } from '../views/useUrlState';
import { ChartCard } from './ChartCard';
import { CHARTS, type ChartDefinition } from './chartCatalog';
import { describeFilter, FilterBar } from './FilterBar';
import { useDashboardData, useDashboardOptions } from './useDashboardData';

export { warmUpCharts } from './warmUp';

interface Props {
  query: (filter: DashboardFilter, charts: ChartId[]) => Promise<DashboardData>;
  queryOptions: () => Promise<DashboardOptions>;
}

/**
 * The gold dashboard. Cross-filtering: a click on a state, category or month (or a choice
 * in the select boxes) changes the filter, which lives in the URL; every chart is then
 * re-queried in the worker, in DuckDB, and the new rows are pushed into the live views.
 */
export default function Dashboard({ query, queryOptions }: Props) {
  const [filter, onFilter] = useUrlFilter();
  const options = useDashboardOptions(queryOptions);
  const state = useDashboardData(query, filter);
  // Read at click time, so the pick handler (and each view's listener) stays the same function.
  const latest = useRef(filter);
  latest.current = filter;
  const pick = useCallback(
    (definition: ChartDefinition, key: string) => {
      const dimension = definition.filterBy!.dimension;
      // A second click on the selected value removes the filter.
      onFilter({ ...latest.current, [dimension]: latest.current[dimension] === key ? undefined : key });
    },
    [onFilter],
  );
  const key = filterKey(filter);
  const active = (Object.entries(filter) as [FilterDimension, string | undefined][]).filter(([, v]) => v);
  return (
    <section className="dashboard" aria-labelledby="dashboard-title" data-testid="dashboard" data-filter-key={key} data-shown-key={state.key}>
      <h2 id="dashboard-title">Gold dashboard</h2>
      <FilterBar filter={filter} options={options} onChange={onFilter} />
      <p className="dashboard-status" role="status">
        {state.loading
          ? state.pending?.length
            ? `${CHARTS.length - state.pending.length} of ${CHARTS.length} charts ready · the others are still being built`
            : 'Updating…'
          : `${active.length ? active.map(([d, v]) => describeFilter(d, v!)).join(' · ') : 'All orders'} · ${state.queried ?? 0} of ${CHARTS.length} charts queried in ${Math.round(state.milliseconds ?? 0)} ms`}
      </p>
      {state.error && (
        <p className="error" role="alert">
          The dashboard could not be queried: {state.error}
        </p>
      )}
      <div className="chart-grid">
        {CHARTS.map((definition) => (
          <ChartCard
            key={definition.id}
            definition={definition}
            result={state.charts?.get(definition.id)}
            dataKey={state.chartKeys.get(definition.id)}
            selected={definition.filterBy ? (filter[definition.filterBy.dimension] ?? null) : null}
            pending={state.pending?.includes(definition.id) ?? false}
            onPick={pick}
          />
        ))}
      </div>
    </section>
  );
}
