import { DataType, type Field } from 'apache-arrow';

/** Text for one Arrow value, by the column's type: always text, never markup. */
export function formatCell(value: unknown, field: Field): string {
  if (value === null || value === undefined) return '';
  if (DataType.isTimestamp(field.type) && typeof value === 'number') return new Date(value).toISOString().replace('T', ' ').replace('.000Z', '');
  if (DataType.isDate(field.type) && (typeof value === 'number' || value instanceof Date)) return new Date(value).toISOString().slice(0, 10);
  if (value instanceof Uint8Array) return `0x${[...value.subarray(0, 32)].map((b) => b.toString(16).padStart(2, '0')).join('')}${value.length > 32 ? '…' : ''}`;
  return String(value);
}
