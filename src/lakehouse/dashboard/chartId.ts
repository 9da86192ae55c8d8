/** The dashboard's charts, in the order they are laid out. */
export const CHART_IDS = [
  'revenueByCategory',
  'revenueByState',
  'revenueMonthly',
  'deliveryByState',
  'delayHistogram',
  'rfmSegments',
  'clvHistogram',
  'customerSegments',
] as const;

export type ChartId = (typeof CHART_IDS)[number];
