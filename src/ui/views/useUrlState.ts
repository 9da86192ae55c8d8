import { useCallback, useEffect, useState } from 'react';
import type { DashboardFilter } from '../../lakehouse/dashboard/dashboardFilter';
import { readUrlState, writeUrlState, type UrlState, type View } from './urlState';

/**
 * The tab and dashboard filters, read from the query string on start and written back
 * with history.replaceState on every change, so that a copied link reopens the same view
 * (without adding a history entry per click).
 */
export function useUrlState() {
  const [state, setState] = useState<UrlState>(() => readUrlState(location.search));
  useEffect(() => {
    const search = writeUrlState(location.search, state);
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  }, [state]);
  const setView = useCallback((view: View) => setState((s) => ({ ...s, view })), []);
  const setFilter = useCallback((filter: DashboardFilter) => setState((s) => ({ ...s, filter })), []);
  return { ...state, setView, setFilter };
}
