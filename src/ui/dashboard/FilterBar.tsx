import type { DashboardFilter, FilterDimension } from '../../lakehouse/dashboard/dashboardFilter';
import type { DashboardOptions } from '../../lakehouse/dashboard/dashboardOptions';
import { formatMonth } from '../format';

interface Props {
  filter: DashboardFilter;
  options?: DashboardOptions;
  onChange: (filter: DashboardFilter) => void;
}

const DIMENSIONS: { dimension: FilterDimension; label: string; all: string; list: keyof DashboardOptions; show: (v: string) => string }[] = [
  { dimension: 'customerState', label: 'State', all: 'All states', list: 'customerStates', show: (v) => v },
  { dimension: 'category', label: 'Category', all: 'All categories', list: 'categories', show: (v) => v },
  { dimension: 'month', label: 'Month', all: 'All months', list: 'months', show: formatMonth },
];

/** How a filter reads in a chip and in the status line: `State: SP`. */
export function describeFilter(dimension: FilterDimension, value: string): string {
  const d = DIMENSIONS.find((x) => x.dimension === dimension)!;
  return `${d.label}: ${d.show(value)}`;
}

/**
 * The filters as select boxes (the way to filter by keyboard or screen reader, and the
 * same state a click on a chart sets), the active ones as removable chips, and Clear.
 */
export function FilterBar({ filter, options, onChange }: Props) {
  const active = DIMENSIONS.filter((d) => filter[d.dimension]);
  const set = (dimension: FilterDimension, value: string) => onChange({ ...filter, [dimension]: value || undefined });
  return (
    <div className="filter-bar" role="group" aria-label="Dashboard filters">
      <div className="filter-selects">
        {DIMENSIONS.map(({ dimension, label, all, list, show }) => {
          const value = filter[dimension] ?? '';
          const values = options?.[list] ?? [];
          return (
            <label key={dimension}>
              <span>{label}</span>
              <select value={value} onChange={(e) => set(dimension, e.currentTarget.value)} data-testid={`filter-${dimension}`}>
                <option value="">{all}</option>
                {/* A value from a link that this data does not have still shows as chosen. */}
                {value && !values.includes(value) && <option value={value}>{show(value)}</option>}
                {values.map((v) => (
                  <option key={v} value={v}>
                    {show(v)}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
      <ul className="filter-chips" aria-label="Active filters">
        {active.map(({ dimension }) => (
          <li key={dimension}>
            <button type="button" className="chip" onClick={() => set(dimension, '')} aria-label={`Remove filter ${describeFilter(dimension, filter[dimension]!)}`}>
              {describeFilter(dimension, filter[dimension]!)} <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => onChange({})} disabled={active.length === 0}>
        Clear filters
      </button>
    </div>
  );
}
