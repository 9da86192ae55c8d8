import { describe, expect, it } from 'vitest';
import type { Columns } from './features';
import { fitRouteMedians, MIN_ROUTE_ORDERS, routeMedianOf, scoreEta, type EtaModelFile } from './etaModel';

// The saved ETA model on hand-made routes: a route without a training median (never seen, or
// seen too rarely) gets the stored fallback, the median over all training orders.

const rows = (seller: string, customer: string, days: number[]) => days.map((d) => ({ seller, customer, d }));
const train = [...rows('SP', 'SP', [2, 3, 4, 5, 6]), ...rows('SP', 'RJ', [8, 9, 10, 11, 12]), ...rows('AM', 'RS', [40, 41, 42])];
const cols: Columns = {
  seller_state: [...train.map((t) => t.seller), 'RR', 'AM'],
  customer_state: [...train.map((t) => t.customer), 'AP', 'RS'],
};
const label = train.map((t) => t.d);
const trainRows = train.map((_, i) => i);

describe('ETA model file: route medians and the unseen-route fallback', () => {
  const routes = fitRouteMedians(cols, trainRows, (r) => label[r]!);

  it('keeps a median per route with enough training orders and the overall median as the fallback', () => {
    expect(MIN_ROUTE_ORDERS).toBe(5);
    expect(routes.routeMedians).toEqual({ 'SP>SP': 4, 'SP>RJ': 10 });
    // Median of all 13 training labels: 2 3 4 5 6 8 [9] 10 11 12 40 41 42.
    expect(routes.routeFallbackDays).toBe(9);
    expect(routeMedianOf(routes, 'RR>AP')).toBe(9);
    expect(routeMedianOf(routes, 'AM>RS')).toBe(9);
    expect(routeMedianOf(routes, 'SP>RJ')).toBe(10);
    expect(routeMedianOf(routes, 'constructor')).toBe(9);
  });

  it('scores an unseen route with exactly the stored fallback, also after a JSON round trip', () => {
    // A network that passes the route median through unchanged (one linear unit, weight 1).
    const file: EtaModelFile = {
      format: 'pocket-lakehouse/eta-v1',
      encoder: { numeric: [{ name: 'route_median_days', mean: 0, sd: 1, log: false }], categorical: [] },
      model: { format: 'pocket-lakehouse/dense-v1', kind: 'regression', inputs: 1, layers: [{ units: 1, kernel: [1], bias: [0], activation: 'linear' }] },
      residualQuantiles: [-1, 2],
      ...routes,
    };
    const loaded = JSON.parse(JSON.stringify(file)) as EtaModelFile;
    expect(loaded.routeFallbackDays).toBe(9);
    const unseen = train.length;
    const rare = train.length + 1;
    const s = scoreEta(loaded, cols, [0, 5, unseen, rare]);
    expect(Array.from(s.predicted_days)).toEqual([4, 10, 9, 9]);
    expect(s.lower_days[2]).toBe(8);
    expect(s.upper_days[2]).toBe(11);
  });
});
