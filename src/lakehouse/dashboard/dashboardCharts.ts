import type { ChartId } from './chartId';
import { indexCells, rowLevelCells } from './chartIndex';
import type { DashboardChart } from './dashboardChart';
import { validateFilter, type DashboardFilter } from './dashboardFilter';
import { clvHistogram } from './charts/clvHistogram';
import { customerSegments } from './charts/customerSegments';
import { delayHistogram } from './charts/delayHistogram';
import { deliveryByState } from './charts/deliveryByState';
import { revenueByCategory } from './charts/revenueByCategory';
import { revenueByLocation } from './charts/revenueByLocation';
import { revenueByState } from './charts/revenueByState';
import { revenueMonthly } from './charts/revenueMonthly';
import { rfmSegments } from './charts/rfmSegments';

export const DASHBOARD_CHARTS: Record<ChartId, DashboardChart> = {
  revenueByCategory,
  revenueByState,
  revenueByLocation,
  revenueMonthly,
  deliveryByState,
  delayHistogram,
  rfmSegments,
  clvHistogram,
  customerSegments,
};

function chartDefinition(chart: ChartId): DashboardChart {
  const definition = DASHBOARD_CHARTS[chart];
  if (!definition) throw new Error(`There is no dashboard chart ${JSON.stringify(chart)}.`);
  return definition;
}

/** The SQL behind a chart under a filter, reading its index (validated here: bad input throws, never reaches SQL). */
export function chartQuery(chart: ChartId, filter: DashboardFilter): string {
  const definition = chartDefinition(chart);
  const valid = validateFilter(filter);
  return definition.rows(indexCells(definition.index, valid), valid);
}

/** The same chart aggregated from the row-level tables: what its index replaces (tests compare the two). */
export function rowLevelChartQuery(chart: ChartId, filter: DashboardFilter): string {
  const definition = chartDefinition(chart);
  const valid = validateFilter(filter);
  return definition.rows(rowLevelCells(definition.index, valid), valid);
}
