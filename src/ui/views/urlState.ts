import type { DashboardFilter, FilterDimension } from '../../lakehouse/dashboard/dashboardFilter';

export const VIEWS = ['tables', 'dashboard', 'console', 'pipeline', 'runs', 'catalog', 'quality', 'predictions', 'governance', 'export'] as const;
export type View = (typeof VIEWS)[number];

/** What a link reopens: the tab and the dashboard's filters. */
export interface UrlState {
  view: View;
  filter: DashboardFilter;
}

/** Query-string names of the filter dimensions: short, and what an analyst would type. */
export const FILTER_PARAMS: Record<FilterDimension, string> = { customerState: 'state', category: 'category', month: 'month' };

/** Reads the view and filters from a query string; unknown or empty values fall back to the defaults. */
export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const view = params.get('view');
  const filter: DashboardFilter = {};
  for (const [dimension, name] of Object.entries(FILTER_PARAMS) as [FilterDimension, string][]) {
    const value = params.get(name);
    if (value) filter[dimension] = value;
  }
  return { view: VIEWS.includes(view as View) ? (view as View) : 'tables', filter };
}

/**
 * The query string with the view and filters written in and every other parameter (such
 * as `bundle`) kept. The default view and empty filters are left out, so a plain link stays plain.
 */
export function writeUrlState(search: string, state: UrlState): string {
  return writeUrlFilter(writeUrlView(search, state.view), state.filter);
}

/** The query string with the view written in, everything else kept. */
export function writeUrlView(search: string, view: View): string {
  const params = new URLSearchParams(search);
  if (view === 'tables') params.delete('view');
  else params.set('view', view);
  return queryString(params);
}

/** The query string with the filters written in, everything else kept. */
export function writeUrlFilter(search: string, filter: DashboardFilter): string {
  const params = new URLSearchParams(search);
  for (const [dimension, name] of Object.entries(FILTER_PARAMS) as [FilterDimension, string][]) {
    const value = filter[dimension];
    if (value) params.set(name, value);
    else params.delete(name);
  }
  return queryString(params);
}

function queryString(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A filter's identity, the same text as its query string: `state=SP&month=2017-03-01`. */
export function filterKey(filter: DashboardFilter): string {
  return writeUrlFilter('', filter).replace(/^\?/, '');
}
