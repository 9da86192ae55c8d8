/**
 * What the dashboard is narrowed to: a customer state, a product category and a purchase
 * month (the first day, `YYYY-MM-01`). Every chart's query applies it in the worker.
 */
export interface DashboardFilter {
  customerState?: string;
  category?: string;
  month?: string;
}

export type FilterDimension = keyof DashboardFilter;

export const FILTER_DIMENSIONS: readonly FilterDimension[] = ['customerState', 'category', 'month'];

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])-01$/;
/** Longer than any state or category name; a guard against pasting a novel into the URL. */
const MAX_LENGTH = 200;

/**
 * The filter with empty values dropped, or an error naming the bad value. Values are
 * quoted as SQL literals wherever they are used; the month is also checked for shape so
 * that a typo is reported instead of silently matching nothing.
 */
export function validateFilter(filter: DashboardFilter): DashboardFilter {
  const valid: DashboardFilter = {};
  for (const dimension of FILTER_DIMENSIONS) {
    const value = filter[dimension];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') throw new Error(`The ${dimension} filter must be text, not ${typeof value}.`);
    if (value.length > MAX_LENGTH) throw new Error(`The ${dimension} filter is longer than ${MAX_LENGTH} characters.`);
    if (dimension === 'month' && !MONTH.test(value)) throw new Error(`The month filter must be the first day of a month (YYYY-MM-01), not ${JSON.stringify(value)}.`);
    valid[dimension] = value;
  }
  return valid;
}

/**
 * The filter without one dimension: a chart drawn along a dimension shows every value of
 * it (the selected one highlighted), so that another value can be picked from it.
 */
export function withoutDimension(filter: DashboardFilter, dimension: FilterDimension | undefined): DashboardFilter {
  if (!dimension) return filter;
  const { [dimension]: _dropped, ...rest } = filter;
  return rest;
}
