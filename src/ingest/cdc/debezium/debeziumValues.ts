import { epochDaysText, epochMicrosText, epochMillisText, epochNanosText, isoText } from '../timeText';

/** One field's Kafka Connect schema, as the JsonConverter writes it inside the `schema` wrapper. */
export interface FieldSchema {
  field?: string;
  type: string;
  name?: string;
  parameters?: Record<string, string>;
  fields?: FieldSchema[];
}

/** A value the converter cannot turn into text without guessing: the whole record is refused. */
export class UndecodableValue extends Error {
  override readonly name = 'UndecodableValue';
}

/**
 * A Debezium value as the text a dump or CSV of the same column gives, using the field's
 * schema (its semantic `name`: io.debezium.time.*, Kafka Connect's Decimal, …).
 */
export function valueWithSchema(value: unknown, schema: FieldSchema): string | null {
  if (value === null || value === undefined) return null;
  switch (schema.name) {
    case 'io.debezium.time.Timestamp':
    case 'org.apache.kafka.connect.data.Timestamp':
      return epochMillisText(Number(value));
    case 'io.debezium.time.MicroTimestamp':
      return epochMicrosText(Number(value));
    case 'io.debezium.time.NanoTimestamp':
      return epochNanosText(Number(value));
    case 'io.debezium.time.ZonedTimestamp':
      return isoText(String(value));
    case 'io.debezium.time.Date':
    case 'org.apache.kafka.connect.data.Date':
      return epochDaysText(Number(value));
    case 'io.debezium.time.Time':
    case 'org.apache.kafka.connect.data.Time':
      return durationText(Number(value) * 1000);
    case 'io.debezium.time.MicroTime':
    case 'io.debezium.time.MicroDuration':
      return durationText(Number(value));
    case 'io.debezium.time.NanoTime':
      return durationText(Math.round(Number(value) / 1000));
    case 'org.apache.kafka.connect.data.Decimal':
      return decimalText(base64Bytes(String(value)), Number(schema.parameters?.scale ?? 0));
    case 'io.debezium.data.VariableScaleDecimal':
      return variableScaleDecimal(value);
  }
  return plainText(value);
}

/** Column names that hold times in the logical sources (DESIGN.md §4): `…_timestamp`, `…_at`, `…_date`. */
const TIME_COLUMN = /(^|_)(timestamp|date|at|time)$/i;
/** Columns the logical sources hold as numbers (silver types them so). */
const NUMERIC_COLUMNS = new Set([
  'price', 'freight_value', 'payment_value', 'payment_installments', 'payment_sequential', 'order_item_id', 'review_score',
  'product_name_lenght', 'product_description_lenght', 'product_photos_qty', 'product_weight_g', 'product_length_cm',
  'product_height_cm', 'product_width_cm', 'geolocation_lat', 'geolocation_lng',
]);

/**
 * A value of an event without the schema wrapper (`value.converter.schemas.enable=false`):
 * what can be told from the value and its column's name alone.
 * - a number in a time column (`…_timestamp`, `…_at`, `…_date`) is an epoch count, its unit
 *   told by its size: days (< 10^6), milliseconds (< 10^14), microseconds (< 10^17), else
 *   nanoseconds — the units Debezium's Date, Timestamp, MicroTimestamp and NanoTimestamp use;
 * - an ISO string with a zone in such a column is a ZonedTimestamp;
 * - a `{scale, value}` object is a VariableScaleDecimal;
 * - a DECIMAL in `precise` mode (base64 bytes) cannot be read: its scale is only in the
 *   schema. It is refused (UndecodableValue) when its column is a known number column;
 *   elsewhere it stays as the base64 text it is.
 */
export function valueWithoutSchema(value: unknown, column: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && TIME_COLUMN.test(column) && Number.isInteger(value)) {
    const size = Math.abs(value);
    if (size < 1e6) return epochDaysText(value);
    if (size < 1e14) return epochMillisText(value);
    if (size < 1e17) return epochMicrosText(value);
    return epochNanosText(value);
  }
  if (typeof value === 'string' && TIME_COLUMN.test(column) && /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(value)) return isoText(value);
  if (typeof value === 'string' && NUMERIC_COLUMNS.has(column.toLowerCase()) && !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) {
    throw new UndecodableValue(
      `column ${column} holds '${value}', not a number: Debezium's decimal.handling.mode=precise (its default) writes a DECIMAL as bytes whose scale only the schema gives, ` +
        'and this event has no schema wrapper. Keep the JsonConverter\'s schemas.enable=true, or set decimal.handling.mode=string on the connector',
    );
  }
  if (isVariableScaleDecimal(value)) return variableScaleDecimal(value);
  return plainText(value);
}

function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0'; // MySQL's BOOLEAN / BIT(1) in a dump
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function isVariableScaleDecimal(value: unknown): value is { scale: number; value: string } {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 2 && typeof (value as { scale?: unknown }).scale === 'number' && typeof (value as { value?: unknown }).value === 'string';
}

function variableScaleDecimal(value: unknown): string {
  if (!isVariableScaleDecimal(value)) throw new UndecodableValue(`${JSON.stringify(value)} is not a VariableScaleDecimal ({scale, value})`);
  return decimalText(base64Bytes(value.value), value.scale);
}

function base64Bytes(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new UndecodableValue(`'${text}' is not base64`);
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Kafka Connect's Decimal: the unscaled value, big-endian two's complement, then the scale. */
export function decimalText(bytes: Uint8Array, scale: number): string {
  let unscaled = 0n;
  for (const b of bytes) unscaled = (unscaled << 8n) | BigInt(b);
  if (bytes.length > 0 && bytes[0]! & 0x80) unscaled -= 1n << BigInt(bytes.length * 8);
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

/** MySQL TIME as a dump writes it (`-838:59:59`, `12:34:56.789`): hours may pass 24. */
function durationText(micros: number): string {
  const negative = micros < 0;
  let rest = Math.abs(Math.round(micros));
  const fraction = rest % 1_000_000;
  rest = (rest - fraction) / 1_000_000;
  const text = `${String(Math.floor(rest / 3600)).padStart(2, '0')}:${String(Math.floor(rest / 60) % 60).padStart(2, '0')}:${String(rest % 60).padStart(2, '0')}`;
  const withFraction = fraction ? `${text}.${String(fraction).padStart(6, '0').replace(/0+$/, '')}` : text;
  return negative ? `-${withFraction}` : withFraction;
}
