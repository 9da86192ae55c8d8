/** How a column's values compare in a filter, from its DuckDB type. */
export type ColumnKind = 'number' | 'date' | 'timestamp' | 'boolean' | 'text' | 'other';

const NUMBER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/;

export function columnKind(type: string): ColumnKind {
  const t = type.toUpperCase();
  if (NUMBER.test(t)) return 'number';
  if (t === 'DATE') return 'date';
  if (t === 'TIMESTAMP' || t === 'TIMESTAMP_S' || t === 'TIMESTAMP_MS' || t === 'TIMESTAMP_NS') return 'timestamp';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'VARCHAR') return 'text';
  return 'other';
}
