/**
 * The few SQL (DuckDB) semantics the gold metrics lean on, written out in plain TypeScript:
 * binary text ordering, NTILE, quantile_cont / median, avg ignoring NULLs.
 */

/** DuckDB's default VARCHAR order: UTF-8 bytes, i.e. Unicode code points (not UTF-16 units). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (astral code points) sort after U+E000..U+FFFF in code point order. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/**
 * NTILE(buckets) for the row at 0-based `position` of `count` ordered rows: the rows are split
 * into `buckets` groups whose sizes differ by at most one, the larger groups first (7 rows in
 * 5 tiles: 2, 2, 1, 1, 1). With fewer rows than buckets each row is its own tile.
 */
export function ntile(position: number, count: number, buckets: number): number {
  const tiles = Math.min(buckets, count);
  const size = Math.floor(count / tiles);
  const large = count - tiles * size; // groups that get one extra row
  const inLarge = large * (size + 1);
  return position < inLarge ? 1 + Math.floor(position / (size + 1)) : 1 + large + Math.floor((position - inLarge) / size);
}

/**
 * quantile_cont(q) over values sorted ascending, as DuckDB computes it: position q × (n − 1),
 * linear interpolation lo + (pos − floor(pos)) × (hi − lo) between the neighbours.
 */
export function quantileCont(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  if (lo === hi) return a;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

/** median(): quantile_cont(0.5), so the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | null {
  return quantileCont(values.slice().sort((x, y) => x - y), 0.5);
}

/** avg() over the non-null values; null when there are none. */
export function average(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** Money in currency units from integer cents (the nearest double to the 2-decimal value). */
export function units(cents: number): number {
  return cents / 100;
}

/** Groups items by a key, keeping first-seen key order. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
