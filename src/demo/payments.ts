/**
 * Order payments: one row per order mostly, some orders split over several
 * payment_sequential rows (vouchers), credit-card installments, and the real oddities
 * (not_defined rows worth 0.00, credit-card rows with 0 installments, one order unpaid).
 */
import { Random, WeightedSampler } from './random';
import { REAL_COUNTS, REAL_QUIRKS, rare, scaled } from './olistCounts';
import type { Order, PaymentKind } from './orders';

export type PaymentType = PaymentKind | 'not_defined';

export interface Payment {
  readonly order: number;
  readonly sequential: number;
  readonly type: PaymentType;
  readonly installments: number;
  readonly valueCents: number;
}

/** Payment rows per order for orders paid in several rows (real counts). */
const MULTI_ROW_ORDERS: ReadonlyArray<readonly [rows: number, orders: number]> = [
  [2, 2382], [3, 301], [4, 108], [5, 52], [6, 36], [7, 28], [8, 11], [9, 9], [10, 5], [11, 8], [12, 8],
  [13, 3], [14, 2], [15, 2], [19, 2], [21, 1], [22, 1], [26, 1], [29, 1],
];

/** Credit-card installments (real counts, 1..24). */
const INSTALLMENTS: ReadonlyArray<readonly [n: number, rows: number]> = [
  [1, 25455], [2, 12413], [3, 10461], [4, 7098], [5, 5239], [6, 3920], [7, 1626], [8, 4268], [9, 644],
  [10, 5328], [11, 23], [12, 133], [13, 16], [14, 15], [15, 74], [16, 5], [17, 8], [18, 27], [20, 17],
  [21, 3], [22, 1], [23, 1], [24, 18],
];

export function buildPayments(r: Random, sf: number, orders: Order[]): Payment[] {
  const installments = new WeightedSampler(
    INSTALLMENTS.map(([n]) => n),
    INSTALLMENTS.map(([, c]) => c),
  );
  const multiRows = new WeightedSampler(
    MULTI_ROW_ORDERS.map(([n]) => n),
    MULTI_ROW_ORDERS.map(([, c]) => c),
  );

  // What each order has to pay. Orders without items were still paid for.
  const due = orders.map((o) => (o.itemCount > 0 ? o.totalCents : Math.round(r.logNormal(110, 0.9) * 100)));

  // Special orders, all distinct.
  const pool = r.shuffle(orders.map((_, i) => i));
  const pickWhere = (test: (o: Order, i: number) => boolean): number | undefined => {
    const at = pool.findIndex((i) => test(orders[i]!, i));
    return at < 0 ? undefined : pool.splice(at, 1)[0];
  };
  const unpaid = pickWhere((o) => o.status === 'delivered' && o.itemCount > 0);
  const notDefined = new Set<number>();
  for (let k = rare(REAL_QUIRKS.paymentsNotDefined, sf); k > 0; k--) {
    const i = pickWhere((o) => o.status === 'canceled' && o.itemCount === 0) ?? pickWhere((o) => o.status === 'canceled');
    if (i !== undefined) notDefined.add(i);
  }
  const zeroInstallments = new Set<number>();
  for (let k = rare(REAL_QUIRKS.paymentsZeroInstallments, sf); k > 0; k--) {
    const i = pickWhere((o, i) => o.itemCount > 0 && !notDefined.has(i));
    if (i !== undefined) zeroInstallments.add(i);
  }

  // Rows per order, adding up exactly to the scaled total.
  const rows = new Uint8Array(orders.length).fill(1);
  if (unpaid !== undefined) rows[unpaid] = 0;
  for (const i of zeroInstallments) rows[i] = 2;
  let extra = scaled(REAL_COUNTS.payments, sf) - rows.reduce((a, b) => a + b, 0);
  for (const i of pool) {
    if (extra <= 0) break;
    if (notDefined.has(i) || rows[i] !== 1) continue;
    const n = Math.min(multiRows.sample(r), extra + 1);
    rows[i] = n;
    extra -= n - 1;
  }
  for (let i = 0; extra > 0 && i < orders.length; i++) {
    if (rows[i] === 1 && !notDefined.has(i) && i !== unpaid) {
      rows[i] = 2;
      extra--;
    }
  }

  const payments: Payment[] = [];
  orders.forEach((o, oi) => {
    const n = rows[oi]!;
    if (n === 0) return;
    if (notDefined.has(oi)) {
      payments.push({ order: oi, sequential: 1, type: 'not_defined', installments: 1, valueCents: 0 });
      return;
    }
    const total = due[oi]!;
    if (n === 1) {
      payments.push(single(r, oi, o.payKind, total, installments));
      return;
    }
    if (zeroInstallments.has(oi)) {
      // A voucher first, then the card with 0 installments (as in the real rows).
      const voucher = Math.min(total, Math.round(total * (0.1 + 0.5 * r.float())));
      payments.push({ order: oi, sequential: 1, type: 'voucher', installments: 1, valueCents: voucher });
      payments.push({ order: oi, sequential: 2, type: 'credit_card', installments: 0, valueCents: total - voucher });
      return;
    }
    // Several rows: mostly vouchers plus one main payment; sometimes vouchers only.
    const vouchersOnly = o.payKind === 'voucher' || r.chance(0.15);
    const mainAt = vouchersOnly ? -1 : r.chance(0.6) ? 0 : n - 1;
    const shares = Array.from({ length: n }, (_, k) => (k === mainAt ? 2 + 3 * r.float() : r.chance(0.08) ? 0 : r.float()));
    const sum = shares.reduce((a, b) => a + b, 0) || 1;
    let left = total;
    for (let k = 0; k < n; k++) {
      const value = k === n - 1 ? left : Math.min(left, Math.round((total * shares[k]!) / sum));
      left -= value;
      if (k === mainAt) {
        const kind = o.payKind === 'boleto' && r.chance(0.9) ? 'credit_card' : o.payKind;
        const inst = kind === 'credit_card' ? installments.sample(r) : 1;
        payments.push({ order: oi, sequential: k + 1, type: kind, installments: inst, valueCents: value });
      } else {
        payments.push({ order: oi, sequential: k + 1, type: 'voucher', installments: 1, valueCents: value });
      }
    }
  });
  return r.shuffle(payments);
}

function single(
  r: Random,
  order: number,
  kind: PaymentKind,
  total: number,
  installments: WeightedSampler<number>,
): Payment {
  if (kind !== 'credit_card') return { order, sequential: 1, type: kind, installments: 1, valueCents: total };
  // Cheap orders are rarely split into many installments.
  const maxInstallments = Math.max(1, Math.floor(total / 500));
  let n = installments.sample(r);
  if (n > maxInstallments) n = r.int(1, maxInstallments);
  // Some sellers charge interest on installments: the payment exceeds the items.
  const value = n >= 2 && r.chance(0.06) ? Math.round(total * (1 + 0.012 * n)) : total;
  return { order, sequential: 1, type: 'credit_card', installments: n, valueCents: value };
}
