import type { TopLevelSpec } from 'vega-lite';
import { chartBase, describedAs, num, selectionEncoding } from './chartBase';
import { OKABE_ITO } from './palette';

const described = describedAs(
  `datum.customer_state + ': ' + format(datum.on_time_rate, '.1%') + ' on time, average delay ' + format(datum.avg_delay_days, '+.1f') + ' days, ' + ${num('orders')} + ' deliveries'`,
);

const tooltip = [
  { field: 'customer_state', type: 'nominal', title: 'State' },
  { field: 'on_time_rate', type: 'quantitative', title: 'On time (%)', format: '.1%' },
  { field: 'avg_delay_days', type: 'quantitative', title: 'Average delay (days)', format: '+.1f' },
  { field: 'avg_delivery_days', type: 'quantitative', title: 'Average delivery (days)', format: '.1f' },
  { field: 'orders', type: 'quantitative', title: 'Delivered orders', format: ',' },
] as const;

/**
 * One point per state: average delay against the estimate across, on-time rate up, size by
 * delivered orders, labelled with the state's code; a point is a state filter. Two measures
 * of one state read together, without a second axis.
 */
export const deliveryByStateSpec: TopLevelSpec = {
  ...chartBase,
  transform: [described.transform],
  encoding: {
    x: { field: 'avg_delay_days', type: 'quantitative', title: 'Average delay vs estimate (days, < 0 = early)', scale: { zero: false, nice: true } },
    y: { field: 'on_time_rate', type: 'quantitative', title: 'On-time deliveries (%)', scale: { zero: false, nice: true }, axis: { format: '.0%' } },
  },
  layer: [
    {
      mark: { type: 'circle', color: OKABE_ITO.blue, cursor: 'pointer' },
      encoding: {
        size: { field: 'orders', type: 'quantitative', title: 'Delivered orders', scale: { range: [30, 900] }, legend: { orient: 'right', format: ',.0f' } },
        ...selectionEncoding,
        ...described.encoding,
        fillOpacity: { value: 0.55 },
        tooltip: [...tooltip],
      },
    },
    {
      // Labels repeat the points' states for screen readers: hidden from them (aria: false).
      mark: { type: 'text', fontSize: 9, align: 'left', dx: 5, dy: -5, color: '#3c4854', cursor: 'pointer', aria: false },
      encoding: { text: { field: 'customer_state', type: 'nominal' }, tooltip: [...tooltip] },
    },
  ],
};
