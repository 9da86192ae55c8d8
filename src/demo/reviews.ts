/**
 * Order reviews: most orders get one, a few get two, some none; some review_ids repeat on
 * different orders. Scores carry the learnable signal of the demo data:
 *
 * - Late deliveries pull scores down: an order delivered more than a day after Olist's
 *   estimate scores 1 with probability 0.45 (on time: 0.07) and 5 with 0.22 (on time: 0.62);
 *   mean score ≈ 2.6 late vs ≈ 4.3 on time. Undelivered orders score lower still.
 * - Low-scored customers buy again less often: when the same customer buys again within
 *   REPEAT_HORIZON_DAYS (180) of this order, the score is drawn from the "satisfied"
 *   distributions (P(score ≤ 2) 0.01 on time, 0.08 late, instead of 0.098 and 0.54; P(5)
 *   0.85 and 0.6 instead of 0.62 and 0.22). Read the other way round (what an analyst
 *   sees), a customer whose review scored 1–2 buys again within 180 days about 5–8× less
 *   often than one who scored 4–5 (checked in
 *   signal.test.ts). The generator draws the score from the future purchase; the joint
 *   distribution is what a model sees.
 */
import { Random, WeightedSampler } from './random';
import { startOfDay } from './csvWriter';
import { REAL_COUNTS, REAL_QUIRKS, rare, scaled } from './olistCounts';
import { moodOf, reviewMessage, reviewTitle } from './reviewText';
import type { Order } from './orders';

export interface Review {
  readonly id: string;
  readonly order: number;
  readonly score: number;
  readonly title: string | null;
  readonly message: string | null;
  readonly creation: number;
  readonly answer: number;
}

const DAY = 86400;
const SCORES = [1, 2, 3, 4, 5];
export const REPEAT_HORIZON_DAYS = 180;
const MESSAGE_CHANCE = [0, 0.75, 0.65, 0.45, 0.3, 0.36];

export function buildReviews(r: Random, sf: number, orders: readonly Order[]): Review[] {
  const onTime = new WeightedSampler(SCORES, [0.07, 0.028, 0.078, 0.205, 0.619]);
  const late = new WeightedSampler(SCORES, [0.45, 0.09, 0.12, 0.12, 0.22]);
  const undelivered = new WeightedSampler(SCORES, [0.7, 0.08, 0.08, 0.05, 0.09]);
  const onTimeAgain = new WeightedSampler(SCORES, [0.005, 0.005, 0.02, 0.12, 0.85]);
  const lateAgain = new WeightedSampler(SCORES, [0.05, 0.03, 0.1, 0.22, 0.6]);
  const buysAgain = buysAgainWithin(orders, REPEAT_HORIZON_DAYS * DAY);

  const total = scaled(REAL_COUNTS.reviews, sf);
  const duplicates = Math.min(rare(REAL_QUIRKS.duplicateReviewIdRows, sf), Math.max(0, total - 1));
  const base = Math.min(orders.length, total - duplicates);
  const reviewed = r.shuffle(orders.map((_, i) => i)).slice(0, base);

  const reviews: Review[] = [];
  for (const oi of reviewed) {
    const o = orders[oi]!;
    const again = buysAgain[oi] === 1;
    const sampler =
      o.delivered === null
        ? undelivered
        : o.delivered > o.estimated + DAY
          ? again ? lateAgain : late
          : again ? onTimeAgain : onTime;
    const score = sampler.sample(r);
    const mood = moodOf(score);
    const creation = startOfDay(o.delivered ?? o.estimated) + DAY * (r.chance(0.85) ? 1 : r.int(0, 3));
    reviews.push({
      id: r.hex(32),
      order: oi,
      score,
      title: r.chance(0.1166) ? reviewTitle(r, mood) : null,
      message: r.chance(MESSAGE_CHANCE[score]!) ? reviewMessage(r, mood) : null,
      creation,
      answer: creation + Math.round(Math.max(3600, r.exponential(2.5 * DAY))),
    });
  }

  // Make sure the multi-line and embedded-quote shapes occur even at small sf.
  const withMessage = reviews.filter((v) => v.message !== null);
  if (!withMessage.some((v) => /[\r\n]/.test(v.message!)) && reviews.length > 0) {
    const i = reviews.indexOf(withMessage[0] ?? reviews[0]!);
    const v = reviews[i]!;
    reviews[i] = { ...v, message: reviewMessage(r, moodOf(v.score), { multiline: true, quoted: false }) };
  }
  if (!reviews.some((v) => v.message?.includes('"')) && reviews.length > 1) {
    const i = reviews.length - 1;
    const v = reviews[i]!;
    reviews[i] = { ...v, message: reviewMessage(r, moodOf(v.score), { multiline: false, quoted: true }) };
  }

  // The same review_id on another order (same customer when possible, as in the real data).
  const ordersOfPerson = new Map<number, number[]>();
  orders.forEach((o, i) => {
    const list = ordersOfPerson.get(o.person);
    if (list) list.push(i);
    else ordersOfPerson.set(o.person, [i]);
  });
  for (let k = 0; k < duplicates && reviews.length > 0 && orders.length > 1; k++) {
    const source = reviews[r.int(0, base - 1)]!;
    const siblings = (ordersOfPerson.get(orders[source.order]!.person) ?? []).filter((i) => i !== source.order);
    let target = siblings.length > 0 && r.chance(0.5) ? r.pick(siblings) : r.int(0, orders.length - 1);
    if (target === source.order) target = (target + 1) % orders.length;
    reviews.push({ ...source, order: target });
  }
  return r.shuffle(reviews);
}

/** 1 where the order's customer places another order within `horizon` seconds after it. */
function buysAgainWithin(orders: readonly Order[], horizon: number): Uint8Array {
  const byPerson = new Map<number, number[]>();
  orders.forEach((o, i) => {
    const list = byPerson.get(o.person);
    if (list) list.push(i);
    else byPerson.set(o.person, [i]);
  });
  const again = new Uint8Array(orders.length);
  for (const list of byPerson.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => orders[a]!.purchase - orders[b]!.purchase);
    for (let k = 0; k + 1 < list.length; k++) {
      const gap = orders[list[k + 1]!]!.purchase - orders[list[k]!]!.purchase;
      if (gap > 0 && gap <= horizon) again[list[k]!] = 1;
    }
  }
  return again;
}
