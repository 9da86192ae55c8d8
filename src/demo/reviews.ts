/**
 * Order reviews: most orders get one, a few get two, some none; scores follow delivery
 * (late or missing deliveries score low); some review_ids repeat on different orders.
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
const MESSAGE_CHANCE = [0, 0.75, 0.65, 0.45, 0.3, 0.36];

export function buildReviews(r: Random, sf: number, orders: readonly Order[]): Review[] {
  const onTime = new WeightedSampler(SCORES, [0.07, 0.028, 0.078, 0.205, 0.619]);
  const late = new WeightedSampler(SCORES, [0.45, 0.09, 0.12, 0.12, 0.22]);
  const undelivered = new WeightedSampler(SCORES, [0.7, 0.08, 0.08, 0.05, 0.09]);

  const total = scaled(REAL_COUNTS.reviews, sf);
  const duplicates = Math.min(rare(REAL_QUIRKS.duplicateReviewIdRows, sf), Math.max(0, total - 1));
  const base = Math.min(orders.length, total - duplicates);
  const reviewed = r.shuffle(orders.map((_, i) => i)).slice(0, base);

  const reviews: Review[] = [];
  for (const oi of reviewed) {
    const o = orders[oi]!;
    const sampler =
      o.delivered === null ? undelivered : o.delivered > o.estimated + DAY ? late : onTime;
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
