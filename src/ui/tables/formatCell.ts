import { DataType, type Field } from 'apache-arrow';

/** Text for one Arrow value, by the column's type: always text, never markup. */
export function formatCell(value: unknown, field: Field): string {
  if (value === null || value === undefined) return '';
  const type = field.type;
  if (DataType.isTimestamp(type) && typeof value === 'number') return new Date(value).toISOString().replace('T', ' ').replace('.000Z', '');
  if (DataType.isDate(type) && (typeof value === 'number' || value instanceof Date)) return new Date(value).toISOString().slice(0, 10);
  // Arrow hands DECIMAL values over unscaled (50953.99 as 5095399): place the point.
  if (DataType.isDecimal(type)) return placeDecimalPoint(String(value), type.scale);
  if (value instanceof Uint8Array) return `0x${[...value.subarray(0, 32)].map((b) => b.toString(16).padStart(2, '0')).join('')}${value.length > 32 ? '…' : ''}`;
  return String(value);
}

function placeDecimalPoint(unscaled: string, scale: number): string {
  if (scale <= 0) return unscaled;
  const negative = unscaled.startsWith('-');
  const digits = (negative ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
