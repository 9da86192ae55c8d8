import { useEffect, useState } from 'react';
import type { DashboardFilter } from '../../lakehouse/dashboard/dashboardFilter';
import { readUrlState, writeUrlFilter, writeUrlView, type View } from './urlState';

/**
 * One part of the URL's state, read from the query string on start and written back with
 * history.replaceState on every change (no history entry per click), so that a copied
 * link reopens the same view. The tab and the filters are separate hooks so that a filter
 * change re-renders the dashboard only, not the whole app.
 */
function useUrlPart<T>(read: (search: string) => T, write: (search: string, value: T) => string): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => read(location.search));
  useEffect(() => {
    // When the page is idle (within half a second): replaceState took ~4 ms of the main
    // thread in the middle of each cross-filter click (bench/crossFilter.ts profile).
    const id = whenIdle(() => {
      const search = write(location.search, value);
      if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    });
    return () => cancelIdle(id);
  }, [value, write]);
  return [value, setValue];
}

const whenIdle = (work: () => void): number => (typeof requestIdleCallback === 'function' ? requestIdleCallback(work, { timeout: 500 }) : window.setTimeout(work, 0));
const cancelIdle = (id: number) => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(id) : clearTimeout(id));

const readView = (search: string) => readUrlState(search).view;
const readFilter = (search: string) => readUrlState(search).filter;

/** The selected tab (`?view=`). */
export function useUrlView(): [View, (view: View) => void] {
  return useUrlPart(readView, writeUrlView);
}

/** The dashboard filters (`?state=&category=&month=`). */
export function useUrlFilter(): [DashboardFilter, (filter: DashboardFilter) => void] {
  return useUrlPart(readFilter, writeUrlFilter);
}
