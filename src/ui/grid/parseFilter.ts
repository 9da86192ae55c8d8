import { columnKind } from '../../lakehouse/grid/columnKind';
import type { GridColumn, GridFilter } from '../../lakehouse/grid/gridTypes';

/** What a filter box's text means for its column, or why it means nothing. */
export type ParsedFilter = { filter?: GridFilter; error?: string };

/**
 * The filter-box syntax: text columns match what contains the text (any case), `=x`
 * exactly x; numbers, dates and times take `x`, `>=x`, `<=x` or `x..y`; every column
 * takes `null` and `not null`.
 */
export function parseFilter(text: string, column: GridColumn): ParsedFilter {
  const input = text.trim();
  if (!input) return {};
  const name = column.name;
  if (/^is\s+null$|^null$/i.test(input)) return { filter: { column: name, op: 'isNull' } };
  if (/^(is\s+)?not\s+null$|^!null$/i.test(input)) return { filter: { column: name, op: 'notNull' } };
  const kind = columnKind(column.type);
  if (kind === 'number' || kind === 'date' || kind === 'timestamp') {
    const range = /^(.*?)\.\.(.*)$/.exec(input);
    if (range) return bounded(name, range[1]!.trim(), range[2]!.trim());
    if (input.startsWith('>=')) return bounded(name, input.slice(2).trim(), '');
    if (input.startsWith('<=')) return bounded(name, '', input.slice(2).trim());
    if (/^[<>]/.test(input)) return { error: 'Use >= or <= (or a range such as 10..20).' };
    return { filter: { column: name, op: 'equals', value: input.replace(/^=/, '').trim() } };
  }
  if (kind === 'boolean') {
    const value = input.replace(/^=/, '').trim().toLowerCase();
    if (value !== 'true' && value !== 'false') return { error: 'Type true or false.' };
    return { filter: { column: name, op: 'equals', value } };
  }
  if (input.startsWith('=')) return { filter: { column: name, op: 'equals', value: input.slice(1) } };
  return { filter: { column: name, op: 'contains', value: input } };
}

function bounded(column: string, min: string, max: string): ParsedFilter {
  if (!min && !max) return { error: 'Give a lower or an upper bound, e.g. 10..20.' };
  return { filter: { column, op: 'range', ...(min ? { min } : {}), ...(max ? { max } : {}) } };
}

/** A short hint for a column's filter box. */
export function filterHint(column: GridColumn): string {
  const kind = columnKind(column.type);
  if (kind === 'number') return 'e.g. 5..20';
  if (kind === 'date' || kind === 'timestamp') return 'e.g. 2018-01-01..';
  if (kind === 'boolean') return 'true or false';
  return 'contains…';
}
