import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { columnKind, type ColumnKind } from './columnKind';
import type { GridColumn, GridFilter } from './gridTypes';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$/;

/**
 * One filter as a SQL condition. The column must be one of `columns` (from the catalog);
 * values become literals of the column's kind only after they parse as that kind, so no
 * text of the request reaches the SQL except inside a quoted literal.
 */
export function filterSql(filter: GridFilter, columns: readonly GridColumn[]): string {
  const column = columns.find((c) => c.name === filter.column);
  if (!column) throw new Error(`There is no column "${filter.column}" to filter on.`);
  const ident = quoteIdent(column.name);
  const kind = columnKind(column.type);
  switch (filter.op) {
    case 'contains':
      // On the value as text, ignoring case: what someone typing into a filter box expects.
      return `contains(lower(CAST(${ident} AS VARCHAR)), ${quoteLiteral(String(filter.value).toLowerCase())})`;
    case 'equals':
      if (kind === 'text') return `${ident} = ${quoteLiteral(String(filter.value))}`;
      if (kind === 'other') return `CAST(${ident} AS VARCHAR) = ${quoteLiteral(String(filter.value))}`;
      return `${ident} = ${typedLiteral(filter.value, kind, column)}`;
    case 'range': {
      if (kind !== 'number' && kind !== 'date' && kind !== 'timestamp') throw new Error(`Column "${column.name}" (${column.type}) has no range; filter it by text instead.`);
      const parts: string[] = [];
      if (filter.min !== undefined && filter.min !== '') parts.push(`${ident} >= ${typedLiteral(filter.min, kind, column)}`);
      if (filter.max !== undefined && filter.max !== '') parts.push(`${ident} <= ${typedLiteral(filter.max, kind, column)}`);
      if (parts.length === 0) throw new Error(`The range on "${column.name}" needs a lower or an upper bound.`);
      return parts.join(' AND ');
    }
    case 'isNull':
      return `${ident} IS NULL`;
    case 'notNull':
      return `${ident} IS NOT NULL`;
    default:
      throw new Error(`Unknown filter "${(filter as { op: unknown }).op}".`);
  }
}

/** A literal the column can be compared with; throws a message naming the column when the text is not of its kind. */
function typedLiteral(value: unknown, kind: ColumnKind, column: GridColumn): string {
  const text = String(value).trim();
  switch (kind) {
    case 'number':
      if (!NUMBER.test(text)) throw new Error(`"${text}" is not a number (column "${column.name}" is ${column.type}).`);
      return `CAST(${quoteLiteral(text)} AS DOUBLE)`;
    case 'date':
      if (!DATE.test(text)) throw new Error(`"${text}" is not a date like 2018-03-01 (column "${column.name}").`);
      return `CAST(${quoteLiteral(text)} AS DATE)`;
    case 'timestamp':
      if (!TIMESTAMP.test(text)) throw new Error(`"${text}" is not a date or time like 2018-03-01 08:30 (column "${column.name}").`);
      return `CAST(${quoteLiteral(text)} AS TIMESTAMP)`;
    case 'boolean':
      if (!/^(true|false)$/i.test(text)) throw new Error(`"${text}" is not true or false (column "${column.name}").`);
      return text.toLowerCase();
    default:
      throw new Error(`Column "${column.name}" (${column.type}) cannot be compared as a value.`);
  }
}
