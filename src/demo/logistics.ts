/**
 * The learnable delivery signal of the demo data: when an order reaches the carrier and the
 * customer. Modelled on what is known about the real Olist data (deliveries take longer the
 * farther the customer is from the seller, some routes are slower than their distance says,
 * sellers differ in how fast they hand parcels over). The relationships and their sizes:
 *
 * - Handling (approval → carrier): each seller has its own typical handling time, log-normal
 *   with median HANDLING_MEDIAN_DAYS (1.6 days) and spread HANDLING_SIGMA (0.55: the middle
 *   half of sellers between ~1.1 and ~2.3 days, the slowest 5 % above ~4 days); an order
 *   takes that time × log-normal noise (sigma 0.35). A multi-seller order waits for its
 *   slowest seller.
 * - Transit (carrier → customer): TRANSIT_BASE_DAYS (2) + distance_km / KM_PER_DAY (250)
 *   days, where distance is the haversine distance between the seller's and the customer's
 *   city, × a route factor per (seller state, customer state) in [0.8, 1.3] (fixed, derived
 *   from the route's name, so it does not depend on the seed), × log-normal noise (sigma
 *   0.3); 8 % of parcels get an extra exponential delay (mean 8 days) — the long tail.
 *   SP→SP (~100 km) ≈ 2.4 days, SP→BA (~1,450 km) ≈ 7.8, SP→AM (~2,700 km) ≈ 12.8.
 * - Olist's estimate stays as before (per customer state, generous): it is the baseline a
 *   model has to beat, as in the real data.
 */
import { Random } from './random';
import type { Place } from './places';

const HOUR = 3600;
const DAY = 86400;

export const HANDLING_MEDIAN_DAYS = 1.6;
export const HANDLING_SIGMA = 0.55;
export const TRANSIT_BASE_DAYS = 2;
export const KM_PER_DAY = 250;

/** Great-circle distance in km between two places' cities. */
export function distanceKm(a: Place, b: Place): number {
  const rad = Math.PI / 180;
  const dLat = (b.city.lat - a.city.lat) * rad;
  const dLng = (b.city.lng - a.city.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.city.lat * rad) * Math.cos(b.city.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A route's fixed slowness in [0.8, 1.3], from its name (FNV-1a), so documented and stable. */
export function routeFactor(sellerState: string, customerState: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${sellerState}>${customerState}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return 0.8 + ((h >>> 0) % 1000) / 1999;
}

/** Typical handling days per seller (index = seller index). */
export function sellerHandlingDays(r: Random, sellerCount: number): Float64Array {
  const days = new Float64Array(sellerCount);
  for (let i = 0; i < sellerCount; i++) days[i] = r.logNormal(HANDLING_MEDIAN_DAYS, HANDLING_SIGMA);
  return days;
}

/** Seconds from approval to the carrier, for a seller with the given typical handling. */
export function handlingSeconds(r: Random, typicalDays: number): number {
  return Math.max(2 * HOUR, typicalDays * DAY * r.logNormal(1, 0.35));
}

/** Seconds from the carrier to the customer. */
export function transitSeconds(r: Random, seller: Place, customer: Place): number {
  const days =
    (TRANSIT_BASE_DAYS + distanceKm(seller, customer) / KM_PER_DAY) *
    routeFactor(seller.state.uf, customer.state.uf) *
    r.logNormal(1, 0.3);
  return days * DAY + (r.chance(0.08) ? r.exponential(8 * DAY) : 0);
}
