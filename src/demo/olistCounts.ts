/**
 * Record counts of the real Kaggle Olist dataset (scale factor 1) and the rules that scale
 * them: every count is linear in sf, and each rare quirk keeps at least one occurrence.
 */

export const REAL_COUNTS = {
  orders: 99441,
  items: 112650,
  payments: 103886,
  reviews: 99224,
  customerUniqueIds: 96096,
  products: 32951,
  sellers: 3095,
  geolocation: 1000163,
  geolocationZips: 19015,
  translation: 71,
} as const;

export type OrderStatus =
  | 'delivered'
  | 'shipped'
  | 'canceled'
  | 'unavailable'
  | 'invoiced'
  | 'processing'
  | 'created'
  | 'approved';

/** order_status counts in the real orders file. */
export const REAL_STATUS_COUNTS: Readonly<Record<OrderStatus, number>> = {
  delivered: 96478,
  shipped: 1107,
  canceled: 625,
  unavailable: 609,
  invoiced: 314,
  processing: 301,
  created: 5,
  approved: 2,
};

/** Orders with no row in the items file, by status (775 in all). */
export const REAL_ORDERS_WITHOUT_ITEMS: Readonly<Partial<Record<OrderStatus, number>>> = {
  unavailable: 603,
  canceled: 164,
  created: 5,
  invoiced: 2,
  shipped: 1,
};

/** Rare quirks and their real counts. */
export const REAL_QUIRKS = {
  productsWithoutCategory: 610,
  productsWithoutDimensions: 1, // category present, weight/dimensions empty
  productsAllEmpty: 1, // every column but the id empty
  productsZeroWeight: 4,
  paymentsNotDefined: 3,
  paymentsZeroInstallments: 2,
  ordersWithoutPayment: 1,
  deliveredWithoutDeliveredDate: 8,
  deliveredWithoutApproval: 14,
  deliveredWithoutCarrierDate: 2,
  carrierBeforePurchase: 166,
  deliveredBeforePurchase: 3,
  approvedBeforePurchase: 3,
  duplicateReviewIdRows: 814,
  geolocationOutsideBrazil: 42,
  sellerOddCities: 18,
} as const;

/** Fraction of geolocation rows that repeat an earlier row exactly (261,831 / 1,000,163). */
export const GEOLOCATION_DUPLICATE_FRACTION = 0.2618;

/** A plain count scaled by sf (at least 1). */
export function scaled(realCount: number, sf: number): number {
  return Math.max(1, Math.round(realCount * sf));
}

/** A rare quirk scaled by sf, never fewer than one occurrence. */
export function rare(realCount: number, sf: number): number {
  return Math.max(1, Math.round(realCount * sf));
}
