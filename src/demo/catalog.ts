/**
 * Sellers and products of the Olist-shaped dataset.
 */
import { Random, WeightedSampler } from './random';
import { CATEGORIES, UNTRANSLATED_CATEGORIES } from './categories';
import { accentedCityName } from './geography';
import { REAL_COUNTS, REAL_QUIRKS, rare, scaled } from './olistCounts';
import type { Place, PlacePicker } from './places';

export interface Seller {
  readonly id: string;
  readonly place: Place;
  /** seller_city as printed: usually the clean city name, a few dirty variants. */
  readonly cityText: string;
}

export interface Product {
  readonly id: string;
  category: string | null;
  nameLength: number | null;
  descriptionLength: number | null;
  photos: number | null;
  weightG: number | null;
  lengthCm: number | null;
  heightCm: number | null;
  widthCm: number | null;
  /** Catalogue price in cents. */
  readonly priceCents: number;
  /** Index into the sellers array. */
  seller: number;
  /** Relative chance of being bought. */
  readonly popularity: number;
}


function oddSellerCity(r: Random, seller: Place, form: number): string {
  const city = seller.city.name;
  const uf = seller.state.uf.toLowerCase();
  switch (form) {
    case 0:
      // Needs quoting: embedded commas.
      return `${city}, ${seller.state.name}, brasil`;
    case 1:
      // Starts with a digit: somebody typed the CEP into the city box.
      return String(seller.zip).padStart(5, '0') + String(r.int(0, 999)).padStart(3, '0');
    case 2:
      return `${city} / ${uf}`;
    case 3:
      return `${city} - ${uf}`;
    case 4:
      return `${city}/${uf}`;
    default:
      return accentedCityName(city) ?? `${city} - ${uf}`;
  }
}

export function buildSellers(r: Random, places: PlacePicker, sf: number): Seller[] {
  const n = scaled(REAL_COUNTS.sellers, sf);
  const sellers: Seller[] = [];
  for (let i = 0; i < n; i++) {
    const place = places.seller();
    sellers.push({ id: r.hex(32), place, cityText: place.city.name });
  }
  const odd = Math.min(n, rare(REAL_QUIRKS.sellerOddCities, sf));
  const order = r.shuffle(sellers.map((_, i) => i));
  for (let k = 0; k < odd; k++) {
    const i = order[k]!;
    const s = sellers[i]!;
    const form = k < 2 ? k : r.int(2, 5);
    sellers[i] = { ...s, cityText: oddSellerCity(r, s.place, form) };
  }
  return sellers;
}

/** Median catalogue price (in reais) for the categories that differ from the default. */
const CATEGORY_MEDIAN_PRICE: Readonly<Record<string, number>> = {
  pcs: 1100,
  pc_gamer: 1500,
  eletrodomesticos_2: 450,
  portateis_casa_forno_e_cafe: 500,
  portateis_cozinha_e_preparadores_de_alimentos: 220,
  relogios_presentes: 160,
  climatizacao: 130,
  instrumentos_musicais: 140,
  eletroportateis: 120,
  moveis_escritorio: 160,
  telefonia: 40,
  papelaria: 55,
  livros_interesse_geral: 45,
  fashion_bolsas_e_acessorios: 50,
  informatica_acessorios: 70,
  beleza_saude: 80,
};

const PHOTO_WEIGHTS = [16489, 6263, 3860, 2428, 1484, 968, 343, 192, 105, 95, 46, 35, 9, 5, 8, 0, 7, 2, 1, 1];

function clampRound(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(x)));
}

/** Prices end like real ones: 58.90, 199.00, 12.99, 145.95 ... */
function nicePriceCents(r: Random, reais: number): number {
  const whole = Math.max(0, Math.floor(reais));
  const u = r.float();
  let cents: number;
  if (u < 0.4) cents = 90;
  else if (u < 0.62) cents = 99;
  else if (u < 0.8) cents = 0;
  else if (u < 0.85) cents = 50;
  else cents = r.int(0, 99);
  return Math.max(85, whole * 100 + cents);
}

export function buildProducts(r: Random, sf: number, sellerCount: number): Product[] {
  const n = scaled(REAL_COUNTS.products, sf);
  const categorySampler = new WeightedSampler(
    CATEGORIES.map((c) => c.name),
    CATEGORIES.map((c) => c.products),
  );
  const sellerPopularity = Array.from({ length: sellerCount }, () => r.logNormal(1, 1.4));
  const sellerSampler = new WeightedSampler(
    sellerPopularity.map((_, i) => i),
    sellerPopularity,
  );

  const products: Product[] = [];
  for (let i = 0; i < n; i++) {
    const category = categorySampler.sample(r);
    const weightZ = r.normal();
    const weightG = clampRound(700 * Math.exp(1.45 * weightZ), 50, 40425);
    const sizeZ = () => 0.75 * weightZ + 0.66 * r.normal();
    const lengthCm = clampRound(25 * Math.exp(0.6 * sizeZ()), r.chance(0.05) ? 7 : 16, 105);
    const heightCm = clampRound(13 * Math.exp(0.7 * sizeZ()), 2, 105);
    const widthCm = clampRound(20 * Math.exp(0.58 * sizeZ()), r.chance(0.05) ? 6 : 11, 118);
    const nameLength = r.chance(0.01) ? r.int(61, 76) : clampRound(r.normal(50, 10), 5, 60);
    const descriptionLength = clampRound(r.logNormal(595, 0.73), 4, 3992);
    const photos = 1 + r.weightedIndex(PHOTO_WEIGHTS);
    const median = CATEGORY_MEDIAN_PRICE[category] ?? 82;
    const price = Math.min(6735, r.logNormal(median, 0.95) * (0.8 + 0.4 * Math.min(1, weightG / 5000)));
    products.push({
      id: r.hex(32),
      category,
      nameLength,
      descriptionLength,
      photos,
      weightG,
      lengthCm,
      heightCm,
      widthCm,
      priceCents: nicePriceCents(r, Math.max(0.85, price)),
      seller: 0,
      popularity: r.logNormal(1, 1.1),
    });
  }

  // Every seller has at least one product; the rest follow seller popularity.
  const byPosition = r.shuffle(products.map((_, i) => i));
  byPosition.forEach((p, k) => {
    products[p]!.seller = k < sellerCount ? k : sellerSampler.sample(r);
  });

  // Quirks, each on distinct products.
  const pool = r.shuffle(products.map((_, i) => i));
  const take = () => products[pool.pop() ?? r.int(0, n - 1)]!;
  // The two categories missing from the translation table must show up.
  for (const name of UNTRANSLATED_CATEGORIES) {
    if (!products.some((p) => p.category === name)) take().category = name;
  }
  const missing = new Set(UNTRANSLATED_CATEGORIES);
  const ordinaryPool = pool.filter((i) => !missing.has(products[i]!.category ?? ''));
  pool.length = 0;
  for (const i of ordinaryPool) pool.push(i); // not push(...): a spread of 300 k arguments overflows the stack

  const withoutCategory = Math.min(pool.length, rare(REAL_QUIRKS.productsWithoutCategory, sf));
  for (let k = 0; k < withoutCategory; k++) {
    const p = take();
    p.category = null;
    p.nameLength = null;
    p.descriptionLength = null;
    p.photos = null;
    if (k < rare(REAL_QUIRKS.productsAllEmpty, sf)) {
      p.weightG = p.lengthCm = p.heightCm = p.widthCm = null;
    }
  }
  for (let k = rare(REAL_QUIRKS.productsWithoutDimensions, sf); k > 0 && pool.length > 0; k--) {
    const p = take();
    p.weightG = p.lengthCm = p.heightCm = p.widthCm = null;
  }
  for (let k = rare(REAL_QUIRKS.productsZeroWeight, sf); k > 0 && pool.length > 0; k--) {
    take().weightG = 0;
  }
  return products;
}
