import type { Spec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartId } from '../../lakehouse/dashboard/chartId';
import type { FilterDimension } from '../../lakehouse/dashboard/dashboardFilter';
import { clvHistogramSpec } from './specs/clvHistogram';
import { customerSegmentsSpec } from './specs/customerSegments';
import { delayHistogramSpec } from './specs/delayHistogram';
import { deliveryByStateSpec } from './specs/deliveryByState';
import { revenueByCategorySpec } from './specs/revenueByCategory';
import { fitToOutline, revenueByLocationSpec } from './specs/revenueByLocation';
import { revenueByStateSpec } from './specs/revenueByState';
import { revenueMonthlySpec } from './specs/revenueMonthly';
import { rfmSegmentsSpec } from './specs/rfmSegments';

/** How the page shows one chart of the worker's dashboard. */
export interface ChartDefinition {
  id: ChartId;
  title: string;
  /** What is counted and how the filter applies: shown under the title and read to screen readers. */
  description: string;
  spec: TopLevelSpec;
  /** A change to the compiled Vega spec, for what Vega-Lite has no setting for. */
  patch?: (vega: Spec) => Spec;
  /** The filter a click on a mark sets: the dimension and the row column holding its value. */
  filterBy?: { dimension: FilterDimension; column: string };
  /** Name of downloaded images, without extension. */
  fileName: string;
}

export const CHARTS: ChartDefinition[] = [
  {
    id: 'revenueByState',
    title: 'Revenue by customer state',
    description: 'Revenue-bearing orders (items plus freight). Click a state to filter the other charts.',
    spec: revenueByStateSpec,
    filterBy: { dimension: 'customerState', column: 'customer_state' },
    fileName: 'revenue-by-state',
  },
  {
    id: 'revenueByLocation',
    title: 'Revenue by customer location',
    description: "Where customers live (their zip code's location, in one-degree cells); point size is revenue. Click a point to filter by its state.",
    spec: revenueByLocationSpec,
    patch: fitToOutline,
    filterBy: { dimension: 'customerState', column: 'customer_state' },
    fileName: 'revenue-by-location',
  },
  {
    id: 'revenueByCategory',
    title: 'Revenue by product category',
    description: 'Top categories by revenue; the grey bar sums the rest. Click a category to filter the other charts.',
    spec: revenueByCategorySpec,
    filterBy: { dimension: 'category', column: 'category' },
    fileName: 'revenue-by-category',
  },
  {
    id: 'revenueMonthly',
    title: 'Monthly revenue and orders',
    description: 'By purchase month: revenue as bars, orders as the line. Click a month to filter the other charts.',
    spec: revenueMonthlySpec,
    filterBy: { dimension: 'month', column: 'month' },
    fileName: 'revenue-monthly',
  },
  {
    id: 'deliveryByState',
    title: 'On-time delivery and average delay by state',
    description: 'Delivered orders without outliers; point size is the number of deliveries. Click a state to filter.',
    spec: deliveryByStateSpec,
    filterBy: { dimension: 'customerState', column: 'customer_state' },
    fileName: 'delivery-by-state',
  },
  {
    id: 'delayHistogram',
    title: 'Delivery date vs estimate',
    description: 'Orders by days delivered before (blue) or after (vermillion) the estimated date; the end bars hold the tails.',
    spec: delayHistogramSpec,
    fileName: 'delivery-delay',
  },
  {
    id: 'rfmSegments',
    title: 'RFM segments: customers and revenue',
    description: 'Customers with revenue under the filters, in their RFM segment, and their share of that revenue.',
    spec: rfmSegmentsSpec,
    fileName: 'rfm-segments',
  },
  {
    id: 'clvHistogram',
    title: 'Predicted customer lifetime value',
    description: 'Customers with revenue under the filters, by their predicted value over the next 12 months.',
    spec: clvHistogramSpec,
    fileName: 'clv-distribution',
  },
  {
    id: 'customerSegments',
    title: 'Customer segments: frequency × order value',
    description: 'Customers with revenue under the filters, by number of orders and average order value band.',
    spec: customerSegmentsSpec,
    fileName: 'customer-segments',
  },
];
