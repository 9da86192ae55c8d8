/**
 * Customers, orders (status and timeline) and order items of the Olist-shaped dataset.
 */
import { Random, WeightedSampler } from './random';
import { secondsAt, startOfDay } from './csvWriter';
import {
  REAL_COUNTS,
  REAL_ORDERS_WITHOUT_ITEMS,
  REAL_QUIRKS,
  REAL_STATUS_COUNTS,
  rare,
  scaled,
  type OrderStatus,
} from './olistCounts';
import type { Place, PlacePicker } from './places';
import type { Product, Seller } from './catalog';
import { handlingSeconds, sellerHandlingDays, transitSeconds } from './logistics';

export type PaymentKind = 'credit_card' | 'boleto' | 'debit_card' | 'voucher';

export interface Person {
  readonly uniqueId: string;
  readonly place: Place;
}

export interface Order {
  readonly id: string;
  readonly customerId: string;
  readonly person: number;
  readonly status: OrderStatus;
  purchase: number;
  approved: number | null;
  carrier: number | null;
  delivered: number | null;
  estimated: number;
  /** Main payment type (credit card orders are approved in minutes, boleto in days). */
  readonly payKind: PaymentKind;
  itemCount: number;
  /** Sum of price + freight over the order's items, in cents. */
  totalCents: number;
}

export interface Item {
  readonly order: number;
  readonly itemId: number;
  readonly product: number;
  readonly seller: number;
  readonly shippingLimit: number;
  readonly priceCents: number;
  readonly freightCents: number;
}

const HOUR = 3600;
const DAY = 86400;

/** Last moment of the real data (2018-10-17). */
export const DATA_END = secondsAt(2018, 10, 17, 17, 30, 0);

/** Orders per purchase month in the real data: slow start in late 2016, growth through 2018. */
const MONTHLY_ORDERS: ReadonlyArray<readonly [year: number, month: number, orders: number]> = [
  [2016, 9, 4], [2016, 10, 324], [2016, 11, 0], [2016, 12, 1],
  [2017, 1, 800], [2017, 2, 1780], [2017, 3, 2682], [2017, 4, 2404], [2017, 5, 3700], [2017, 6, 3245],
  [2017, 7, 4026], [2017, 8, 4331], [2017, 9, 4285], [2017, 10, 4631], [2017, 11, 7544], [2017, 12, 5673],
  [2018, 1, 7269], [2018, 2, 6728], [2018, 3, 7211], [2018, 4, 6939], [2018, 5, 6873], [2018, 6, 6167],
  [2018, 7, 6292], [2018, 8, 6512], [2018, 9, 16], [2018, 10, 4],
];

/** Purchases per hour of day. */
const HOURLY = [
  2394, 1170, 510, 272, 206, 188, 502, 1231, 2967, 4785, 6177, 6578, 5995, 6518, 6569, 6454, 6675, 6150, 5769,
  5982, 6193, 6217, 5816, 4123,
];

/** Typical transit days from the sellers (mostly SP) to each state. */
const TRANSIT_DAYS: Readonly<Record<string, number>> = {
  SP: 3, RJ: 6, MG: 6, PR: 6, SC: 8, RS: 8, ES: 8, DF: 8, GO: 8, MS: 11, MT: 11, BA: 11,
  SE: 14, AL: 14, PE: 14, PB: 14, RN: 14, CE: 14, PI: 14, MA: 14, TO: 14,
  PA: 17, AP: 17, AM: 17, RR: 17, AC: 17, RO: 17,
};

/** Items per order for orders with more than one item (real counts). */
const MULTI_ITEM_ORDERS: ReadonlyArray<readonly [items: number, orders: number]> = [
  [2, 7516], [3, 1322], [4, 505], [5, 204], [6, 198], [7, 22], [8, 8], [9, 3], [10, 8], [11, 4], [12, 5],
  [13, 1], [14, 2], [15, 2], [20, 2], [21, 1],
];

function daySampler(deliveredOnly: boolean): WeightedSampler<number> {
  const days: number[] = [];
  const weights: number[] = [];
  for (const [year, month, orders] of MONTHLY_ORDERS) {
    if (deliveredOnly && (year > 2018 || (year === 2018 && month > 8))) continue;
    const first = year === 2016 && month === 9 ? 4 : 1;
    const last = year === 2018 && month === 10 ? 17 : new Date(Date.UTC(year, month, 0)).getUTCDate();
    const blackFriday = year === 2017 && month === 11;
    const spread = blackFriday ? orders - 1176 : orders;
    for (let d = first; d <= last; d++) {
      days.push(secondsAt(year, month, d));
      weights.push(blackFriday && d === 24 ? 1176 : spread / (last - first + 1 - (blackFriday ? 1 : 0)));
    }
  }
  return new WeightedSampler(days, weights);
}

export interface OrderModel {
  persons: Person[];
  orders: Order[];
  items: Item[];
}

export function buildOrders(
  r: Random,
  sf: number,
  places: PlacePicker,
  sellers: readonly Seller[],
  products: readonly Product[],
): OrderModel {
  const nOrders = scaled(REAL_COUNTS.orders, sf);

  // --- statuses: each rare status at least once, the rest delivered.
  const statuses: OrderStatus[] = [];
  for (const [status, count] of Object.entries(REAL_STATUS_COUNTS) as [OrderStatus, number][]) {
    if (status === 'delivered') continue;
    for (let k = rare(count, sf); k > 0; k--) statuses.push(status);
  }
  if (statuses.length >= nOrders) throw new RangeError(`sf ${sf} is too small for the status mix`);
  while (statuses.length < nOrders) statuses.push('delivered');
  r.shuffle(statuses);

  // --- people: customer_unique_id shared by repeat buyers.
  const nPersons = Math.min(nOrders, scaled(REAL_COUNTS.customerUniqueIds, sf));
  const persons: Person[] = [];
  for (let i = 0; i < nPersons; i++) persons.push({ uniqueId: r.hex(32), place: places.customer() });
  const personOf = r.shuffle(persons.map((_, i) => i));
  const repeaters: number[] = [];
  const orderCount = new Uint16Array(nPersons).fill(1);
  for (let i = nPersons; i < nOrders; i++) {
    const p = repeaters.length > 0 && r.chance(0.12) ? r.pick(repeaters) : r.int(0, nPersons - 1);
    if (orderCount[p]! === 1) repeaters.push(p);
    orderCount[p]!++;
    personOf.push(p);
  }

  // --- timelines.
  const anyDay = daySampler(false);
  const deliveredDay = daySampler(true);
  const hourSampler = new WeightedSampler(HOURLY.map((_, h) => h), HOURLY);
  const payKinds = new WeightedSampler<PaymentKind>(
    ['credit_card', 'boleto', 'debit_card', 'voucher'],
    [0.7707, 0.205, 0.0153, 0.009],
  );
  const canceledNoApproval = 141 / 625;
  const canceledWithCarrier = 75 / 625;
  const canceledDelivered = 6 / 75;

  const orders: Order[] = [];
  for (let i = 0; i < nOrders; i++) {
    const status = statuses[i]!;
    const person = personOf[i]!;
    const payKind = payKinds.sample(r);
    const day = (status === 'delivered' ? deliveredDay : anyDay).sample(r);
    const purchase = day + hourSampler.sample(r) * HOUR + r.int(0, HOUR - 1);
    const approvalDelay =
      payKind === 'boleto'
        ? 6 * HOUR + r.exponential(30 * HOUR)
        : r.chance(0.9)
          ? 60 + r.exponential(25 * 60)
          : r.exponential(12 * HOUR);
    const approved = Math.round(purchase + approvalDelay);
    let carrier = Math.round(approved + Math.max(2 * HOUR, r.logNormal(1.8 * DAY, 0.8)));
    if (r.chance(0.5)) carrier -= carrier % 60;
    const base = TRANSIT_DAYS[persons[person]!.place.state.uf] ?? 10;
    const transit = (base + 1) * DAY * r.logNormal(1, 0.45) + (r.chance(0.15) ? r.exponential(15 * DAY) : 0);
    let delivered = Math.round(carrier + transit);
    if (delivered > DATA_END) delivered = Math.max(carrier + HOUR, DATA_END - r.int(0, 3 * DAY));
    const estimatedDays = Math.max(3, Math.round(base * 1.6 + 14 + r.normal(0, 4)));
    const order: Order = {
      id: r.hex(32),
      customerId: r.hex(32),
      person,
      status,
      purchase,
      approved,
      carrier,
      delivered,
      estimated: startOfDay(purchase) + estimatedDays * DAY,
      payKind,
      itemCount: 1,
      totalCents: 0,
    };
    switch (status) {
      case 'delivered':
        break;
      case 'shipped':
        order.delivered = null;
        break;
      case 'canceled':
        if (r.chance(canceledNoApproval)) {
          order.approved = order.carrier = order.delivered = null;
        } else if (r.chance(canceledWithCarrier)) {
          if (!r.chance(canceledDelivered)) order.delivered = null;
        } else {
          order.carrier = order.delivered = null;
        }
        break;
      case 'created':
        order.approved = order.carrier = order.delivered = null;
        break;
      default: // unavailable, invoiced, processing, approved
        order.carrier = order.delivered = null;
    }
    orders.push(order);
  }

  // --- orders without items.
  for (const [status, count] of Object.entries(REAL_ORDERS_WITHOUT_ITEMS) as [OrderStatus, number][]) {
    let k = rare(count, sf);
    for (const o of orders) {
      if (k === 0) break;
      if (o.status === status) {
        o.itemCount = 0;
        k--;
      }
    }
  }

  const items = buildItems(r, sf, orders, persons, sellers, products);
  ship(r.fork('logistics'), orders, items, persons, sellers);
  // --- timestamp quirks on distinct delivered orders.
  const deliveredPool = r.shuffle(orders.filter((o) => o.status === 'delivered'));
  const quirk = (count: number, apply: (o: Order) => void) => {
    for (let k = rare(count, sf); k > 0 && deliveredPool.length > 0; k--) apply(deliveredPool.pop()!);
  };
  quirk(REAL_QUIRKS.deliveredWithoutDeliveredDate, (o) => (o.delivered = null));
  quirk(REAL_QUIRKS.deliveredWithoutApproval, (o) => (o.approved = null));
  quirk(REAL_QUIRKS.deliveredWithoutCarrierDate, (o) => (o.carrier = null));
  quirk(REAL_QUIRKS.carrierBeforePurchase, (o) => (o.carrier = o.purchase - r.int(HOUR, 2 * DAY)));
  quirk(REAL_QUIRKS.deliveredBeforePurchase, (o) => (o.delivered = o.purchase - r.int(DAY, 10 * DAY)));
  quirk(REAL_QUIRKS.approvedBeforePurchase, (o) => (o.approved = o.purchase - r.int(60, 5 * HOUR)));

  return { persons, orders, items };
}

function buildItems(
  r: Random,
  sf: number,
  orders: Order[],
  persons: readonly Person[],
  sellers: readonly Seller[],
  products: readonly Product[],
): Item[] {
  // How many items each order has, adding up exactly to the scaled total.
  const withItems = orders.filter((o) => o.itemCount > 0);
  let extra = scaled(REAL_COUNTS.items, sf) - withItems.length;
  const multi = new WeightedSampler(
    MULTI_ITEM_ORDERS.map(([n]) => n),
    MULTI_ITEM_ORDERS.map(([, c]) => c),
  );
  const candidates = r.shuffle(withItems.slice());
  while (extra > 0 && candidates.length > 0) {
    const o = candidates.pop()!;
    const n = Math.min(multi.sample(r), extra + 1);
    o.itemCount = n;
    extra -= n - 1;
  }

  // Distinct products per order: mostly one product bought n times.
  const distinct = orders.map((o) =>
    o.itemCount <= 1 ? o.itemCount : r.chance(0.62) ? 1 : r.int(2, Math.min(o.itemCount, 3)),
  );
  const slotCount = distinct.reduce((a, b) => a + b, 0);
  const popularity = new WeightedSampler(
    products.map((_, i) => i),
    products.map((p) => p.popularity),
  );
  // Every product is sold at least once (when there are enough slots).
  const slots: number[] = [];
  for (let i = 0; i < products.length && slots.length < slotCount; i++) slots.push(i);
  while (slots.length < slotCount) slots.push(popularity.sample(r));
  r.shuffle(slots);

  const shipDays = new WeightedSampler([3, 4, 5, 6, 7, 8, 10], [5, 5, 10, 50, 20, 5, 5]);
  const items: Item[] = [];
  let slot = 0;
  orders.forEach((o, oi) => {
    if (o.itemCount === 0) return;
    const chosen = slots.slice(slot, slot + distinct[oi]!);
    slot += distinct[oi]!;
    const customerState = persons[o.person]!.place.state.uf;
    const shippingLimit = (o.approved ?? o.purchase) + shipDays.sample(r) * DAY + r.int(0, 600);
    const freights = chosen.map((p) => freightCents(r, products[p]!, sellers[products[p]!.seller]!, customerState));
    let total = 0;
    for (let k = 0; k < o.itemCount; k++) {
      const which = Math.min(chosen.length - 1, Math.floor((k * chosen.length) / o.itemCount));
      const p = chosen[which]!;
      const product = products[p]!;
      const item: Item = {
        order: oi,
        itemId: k + 1,
        product: p,
        seller: product.seller,
        shippingLimit,
        priceCents: product.priceCents,
        freightCents: freights[which]!,
      };
      total += item.priceCents + item.freightCents;
      items.push(item);
    }
    o.totalCents = total;
  });
  return items;
}

/**
 * Carrier and delivery times from the order's sellers and the distance to the customer (see
 * logistics.ts for the relationships and their sizes). Only orders that reached the carrier
 * (or the customer) in the status timeline are touched; orders without items keep the
 * generic timeline.
 */
function ship(r: Random, orders: Order[], items: readonly Item[], persons: readonly Person[], sellers: readonly Seller[]): void {
  const handling = sellerHandlingDays(r.fork('handling'), sellers.length);
  const sellersOf = new Map<number, number[]>();
  for (const it of items) {
    const list = sellersOf.get(it.order);
    if (!list) sellersOf.set(it.order, [it.seller]);
    else if (!list.includes(it.seller)) list.push(it.seller);
  }
  orders.forEach((o, oi) => {
    const own = sellersOf.get(oi);
    if (!own || o.carrier === null || o.approved === null) return;
    const slowest = own.reduce((a, b) => (handling[b]! > handling[a]! ? b : a));
    let carrier = Math.round(o.approved + handlingSeconds(r, handling[slowest]!));
    if (r.chance(0.5)) carrier -= carrier % 60;
    o.carrier = carrier;
    if (o.delivered === null) return;
    const customer = persons[o.person]!.place;
    let delivered = Math.round(carrier + transitSeconds(r, sellers[own[0]!]!.place, customer));
    if (delivered > DATA_END) delivered = Math.max(carrier + HOUR, DATA_END - r.int(0, 3 * DAY));
    o.delivered = delivered;
  });
}

const SOUTH_EAST = new Set(['SP', 'RJ', 'MG', 'ES', 'PR', 'SC', 'RS']);

function freightCents(r: Random, product: Product, seller: Seller, customerState: string): number {
  if (r.chance(0.0034)) return 0;
  const sellerState = seller.place.state.uf;
  const distance = sellerState === customerState ? 0 : SOUTH_EAST.has(customerState) && SOUTH_EAST.has(sellerState) ? 5 : 12;
  const kg = (product.weightG ?? 700) / 1000;
  const reais = (9.5 + 3.2 * Math.pow(kg, 0.9) + distance) * r.logNormal(1, 0.25);
  return Math.max(1, Math.round(reais * 100));
}
