/**
 * The delivery-ETA model as a file (models/eta.json in the lakehouse zip and from
 * `npm run predict`): the encoder, the network's weights, the residual band and the route
 * medians, so that an order scores again without TF.js and exactly as in training.
 *
 * A route (seller state → customer state) never seen in training, or seen on fewer than
 * MIN_ROUTE_ORDERS training orders, has no median of its own: it gets `routeFallbackDays`,
 * the training period's median delivery days over all routes. That value is both what the
 * route-median baseline predicts for it and the route_median_days feature the network sees.
 */
import { encode, type EncoderSpec } from './encode';
import type { Columns } from './features';
import { predict, type ModelJson } from './learner';
import { quantile } from './metrics';

export const MIN_ROUTE_ORDERS = 5;

export interface RouteMedians {
  /** Median delivery days per route key `SELLER_STATE>CUSTOMER_STATE`, training rows only. */
  routeMedians: Record<string, number>;
  /** For any route not in `routeMedians`: the median over all training rows. */
  routeFallbackDays: number;
}

export interface EtaModelFile extends RouteMedians {
  format: 'pocket-lakehouse/eta-v1';
  encoder: EncoderSpec;
  model: ModelJson;
  /** 10th and 90th percentile of training residuals: the interval around a prediction. */
  residualQuantiles: [number, number];
}

export const routeKey = (cols: Columns, r: number) => `${cols.seller_state![r]}>${cols.customer_state![r]}`;

export function fitRouteMedians(cols: Columns, train: readonly number[], label: (r: number) => number): RouteMedians {
  const byRoute = new Map<string, number[]>();
  for (const r of train) {
    const k = routeKey(cols, r);
    let days = byRoute.get(k);
    if (!days) byRoute.set(k, (days = []));
    days.push(label(r));
  }
  const routeMedians: Record<string, number> = {};
  for (const [k, v] of byRoute) if (v.length >= MIN_ROUTE_ORDERS) routeMedians[k] = quantile(v, 0.5);
  return { routeMedians, routeFallbackDays: quantile(train.map(label), 0.5) };
}

/** The route median of a route key, or the fallback for a route without one. */
export function routeMedianOf(m: RouteMedians, route: string): number {
  return Object.hasOwn(m.routeMedians, route) ? m.routeMedians[route]! : m.routeFallbackDays;
}

/** The columns with route_median_days filled in for every row. */
export function withRouteMedians(m: RouteMedians, cols: Columns): Columns {
  const n = cols.seller_state!.length;
  return { ...cols, route_median_days: Array.from({ length: n }, (_, r) => routeMedianOf(m, routeKey(cols, r))) };
}

export interface EtaScores {
  predicted_days: Float64Array;
  lower_days: Float64Array;
  upper_days: Float64Array;
}

/** Scores rows of feature columns (ml.eta_features' shape) with a saved model: days ≥ 0 and the interval. */
export function scoreEta(file: EtaModelFile, cols: Columns, rows: readonly number[]): EtaScores {
  const p = predict(file.model, encode(file.encoder, withRouteMedians(file, cols), rows));
  const [lo, hi] = file.residualQuantiles;
  return {
    predicted_days: Float64Array.from(p, (v) => Math.max(0, v)),
    lower_days: Float64Array.from(p, (v) => Math.max(0, v + lo)),
    upper_days: Float64Array.from(p, (v) => Math.max(0, v + hi)),
  };
}
