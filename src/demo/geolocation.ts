/**
 * olist_geolocation_dataset.csv: many rows per zip prefix (every customer and seller zip is
 * covered), about a quarter of them exact duplicates of another row, a few accented city
 * spellings, and a few dozen points far outside Brazil.
 */
import { Random } from './random';
import { CsvSink, text } from './csvWriter';
import { OUTSIDE_BRAZIL_POINTS, STATES, accentedCityName, citySpread, formatZip } from './geography';
import { GEOLOCATION_DUPLICATE_FRACTION, REAL_COUNTS, REAL_QUIRKS, rare, scaled } from './olistCounts';
import type { Place, PlacePicker } from './places';

export const GEOLOCATION_HEADER = [
  'geolocation_zip_code_prefix',
  'geolocation_lat',
  'geolocation_lng',
  'geolocation_city',
  'geolocation_state',
] as const;

/** Rows per state in the real file, for the states we know; others follow customers. */
const REAL_GEOLOCATION_ROWS: Readonly<Record<string, number>> = {
  SP: 404268, MG: 126336, RJ: 121169, RS: 61851, PR: 57859, SC: 38328, BA: 36045, GO: 20139,
};

let shares: Map<string, number> | undefined;

function geolocationShare(uf: string): number {
  if (!shares) {
    shares = new Map();
    const known = Object.values(REAL_GEOLOCATION_ROWS).reduce((a, b) => a + b, 0);
    const others = STATES.filter((s) => !(s.uf in REAL_GEOLOCATION_ROWS));
    const otherCustomers = others.reduce((a, s) => a + s.customers, 0);
    const otherRows = REAL_COUNTS.geolocation - known;
    for (const s of STATES) {
      const rows = REAL_GEOLOCATION_ROWS[s.uf] ?? (otherRows * s.customers) / otherCustomers;
      shares.set(s.uf, rows / REAL_COUNTS.geolocation);
    }
  }
  return shares.get(uf) ?? 0.001;
}

/** A coordinate as the real file prints it (full double precision, never an exponent). */
function coord(x: number): string {
  return Math.abs(x) < 1e-4 ? (x < 0 ? '-0.0001' : '0.0001') : String(x);
}

export function writeGeolocation(r: Random, sf: number, places: PlacePicker, sink: CsvSink): void {
  const totalRows = scaled(REAL_COUNTS.geolocation, sf);

  // Zips: all the used ones, plus some nobody lives in, up to the real number of zips.
  const targetZips = Math.min(totalRows, scaled(REAL_COUNTS.geolocationZips, sf));
  for (let guard = 0; places.used.size < targetZips && guard < targetZips * 20; guard++) places.any();
  const zips: Place[] = [...places.used.values()];
  if (zips.length > totalRows) throw new RangeError('more zip prefixes than geolocation rows');

  // Loosely sorted like the real file: by the first three digits, shuffled inside.
  const keys = new Map<Place, number>();
  for (const z of zips) keys.set(z, Math.floor(z.zip / 100) * 1e6 + r.int(0, 999999));
  zips.sort((a, b) => keys.get(a)! - keys.get(b)!);

  // Rows per zip: at least one each, the rest spread with a skew, and weighted so that
  // each state gets about its real share of the rows.
  const zipsPerState = new Map<string, number>();
  for (const z of zips) zipsPerState.set(z.state.uf, (zipsPerState.get(z.state.uf) ?? 0) + 1);
  const stateFactor = new Map<string, number>();
  for (const [uf, n] of zipsPerState) stateFactor.set(uf, geolocationShare(uf) / (n / zips.length));
  const weights = zips.map((z) => r.logNormal(1, 0.9) * stateFactor.get(z.state.uf)!);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const spare = totalRows - zips.length;
  const rows = weights.map((w) => 1 + Math.floor((spare * w) / weightSum));
  let left = totalRows - rows.reduce((a, b) => a + b, 0);
  while (left > 0) {
    rows[r.int(0, rows.length - 1)]!++;
    left--;
  }

  // Exact duplicates per zip, and which zips get one point outside Brazil.
  const duplicates = rows.map((n) =>
    n < 2 ? 0 : Math.min(n - 1, Math.floor(n * GEOLOCATION_DUPLICATE_FRACTION + r.float())),
  );
  const roomForOutlier = r.shuffle(zips.map((_, i) => i).filter((i) => rows[i]! - duplicates[i]! >= 2));
  const outliers = new Set(roomForOutlier.slice(0, rare(REAL_QUIRKS.geolocationOutsideBrazil, sf)));

  zips.forEach((place, zi) => {
    const n = rows[zi]!;
    const unique = n - duplicates[zi]!;
    const spread = citySpread(place.city);
    const cLat = place.city.lat + r.normal(0, spread);
    const cLng = place.city.lng + r.normal(0, spread);
    const zipText = text(formatZip(place.zip));
    const stateText = place.state.uf;
    const accented = accentedCityName(place.city.name);
    const lines: string[] = [];
    for (let k = 0; k < unique; k++) {
      let lat = cLat + r.normal(0, 0.004);
      let lng = cLng + r.normal(0, 0.004);
      if (k === 1 && outliers.has(zi)) {
        const [oLat, oLng] = r.pick(OUTSIDE_BRAZIL_POINTS);
        lat = oLat + r.normal(0, 0.02);
        lng = oLng + r.normal(0, 0.02);
      }
      // The first row of a zip always spells the city like the customers file.
      const city = k > 0 && accented !== undefined && r.chance(0.04) ? accented : place.city.name;
      lines.push(zipText + ',' + coord(lat) + ',' + coord(lng) + ',' + text(city) + ',' + stateText);
    }
    for (let k = unique; k < n; k++) {
      const copy = r.int(0, unique - 1);
      lines.push(lines[copy === 1 && outliers.has(zi) ? 0 : copy]!);
    }
    // Keep the canonical first row first; shuffle the rest so duplicates are not adjacent.
    for (let k = lines.length - 1; k > 1; k--) {
      const j = 1 + Math.floor(r.float() * k);
      const t = lines[k]!;
      lines[k] = lines[j]!;
      lines[j] = t;
    }
    for (const line of lines) sink.row(line);
  });
}
