/**
 * Change feeds encode times as numbers (epoch seconds, milliseconds, microseconds, days) or
 * ISO strings; bronze keeps the text a dump or CSV gives: `YYYY-MM-DD HH:MM:SS` with the
 * fraction only when there is one. All in UTC (DESIGN.md §3: no time zones in the engine).
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Epoch milliseconds plus extra microseconds below the millisecond (0–999) → text. */
function fromMillis(ms: number, extraMicros = 0): string {
  const date = new Date(Math.floor(ms));
  if (Number.isNaN(date.getTime())) throw new RangeError(`${ms} is not a time`);
  const year = date.getUTCFullYear();
  const text = `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const micros = (((Math.floor(ms) % 1000) + 1000) % 1000) * 1000 + extraMicros;
  return micros === 0 ? text : `${text}.${pad(micros, 6).replace(/0+$/, '')}`;
}

export function epochMillisText(ms: number): string {
  return fromMillis(ms);
}

export function epochSecondsText(seconds: number): string {
  return fromMillis(seconds * 1000);
}

/** Microseconds may pass 2^53 only after year 287396: a JS number holds them exactly. */
export function epochMicrosText(micros: number): string {
  const ms = Math.floor(micros / 1000);
  return fromMillis(ms, micros - ms * 1000);
}

export function epochNanosText(nanos: number): string {
  return epochMicrosText(Math.floor(nanos / 1000));
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function epochDaysText(days: number): string {
  return fromMillis(days * 86_400_000).slice(0, 10);
}

/**
 * An ISO-8601 instant (`2018-01-11T09:30:00Z`, `…+02:00`, fraction optional) → UTC text.
 * A string without a zone is taken as written.
 */
export function isoText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso.trim());
  if (!m) throw new RangeError(`'${iso}' is not an ISO-8601 time`);
  const [, day, time, fraction = '', zone] = m;
  const digits = fraction.slice(1).padEnd(6, '0').slice(0, 6);
  if (!zone || zone === 'Z' || /^[+-]00:?00$/.test(zone)) return trimFraction(`${day} ${time}`, digits);
  const ms = Date.parse(`${day}T${time}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  return fromMillis(ms, 0).slice(0, 19) + (Number(digits) ? `.${digits.replace(/0+$/, '')}` : '');
}

function trimFraction(text: string, digits: string): string {
  return Number(digits) ? `${text}.${digits.replace(/0+$/, '')}` : text;
}
