import type { Spec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { chartBase, describedAs, num, selectionEncoding } from './chartBase';
import { brazilOutline } from './brazilOutline';
import { OKABE_ITO } from './palette';

const described = describedAs(
  `datum.customer_state + ': revenue R$ ' + ${num('revenue', 2)} + ', ' + ${num('orders')} + ' orders, around ' + format(abs(datum.latitude), '.1f') + '° S ' + format(abs(datum.longitude), '.1f') + '° W'`,
);

/**
 * Where the revenue comes from: a point per state and one-degree cell of the customers'
 * zip-prefix locations, sized by revenue, over Brazil's outline on a Mercator projection.
 * A point is a filter on its state; the outline is decoration, hidden from screen readers.
 */
export const revenueByLocationSpec: TopLevelSpec = {
  ...chartBase,
  height: 300,
  projection: { type: 'mercator' },
  layer: [
    {
      data: { values: [brazilOutline()] },
      mark: { type: 'geoshape', fill: '#eef2f6', stroke: '#9aa7b5', strokeWidth: 0.8, aria: false, tooltip: false },
    },
    {
      transform: [described.transform],
      // Clipped: a point outside the outline's bounds (a stray zip location) is not drawn over the legend.
      mark: { type: 'circle', color: OKABE_ITO.blue, cursor: 'pointer', clip: true },
      encoding: {
        longitude: { field: 'longitude', type: 'quantitative' },
        latitude: { field: 'latitude', type: 'quantitative' },
        size: { field: 'revenue', type: 'quantitative', title: 'Revenue (R$)', scale: { range: [6, 500] }, legend: { orient: 'right', format: '~s' } },
        ...selectionEncoding,
        ...described.encoding,
        fillOpacity: { value: 0.6 },
        tooltip: [
          { field: 'customer_state', type: 'nominal', title: 'State' },
          { field: 'revenue', type: 'quantitative', title: 'Revenue (R$)', format: ',.2f' },
          { field: 'orders', type: 'quantitative', title: 'Orders', format: ',' },
          { field: 'latitude', type: 'quantitative', title: 'Latitude (cell centre)', format: '.1f' },
          { field: 'longitude', type: 'quantitative', title: 'Longitude (cell centre)', format: '.1f' },
        ],
      },
    },
  ],
};

/**
 * The compiled map's projection fitted to Brazil's outline only, not to the points as
 * well (Vega-Lite's default, which it offers no setting for): the map then stays put while
 * the filter changes, and new rows no longer re-fit the projection and re-project the
 * outline, which cost ~30 ms of a click at sf=1 on a busy machine (bench/crossFilter.ts).
 */
export function fitToOutline(vega: Spec): Spec {
  const outline = vega.data?.find((d) => 'values' in d && d.values !== undefined);
  if (!outline) throw new Error('The location chart has no inline outline data to fit its projection to.');
  return { ...vega, projections: vega.projections?.map((p) => ({ ...p, fit: { signal: `data(${JSON.stringify(outline.name)})` } })) };
}
