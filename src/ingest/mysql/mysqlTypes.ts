/**
 * MySQL / MariaDB column types → the DuckDB types bronze keeps (DESIGN.md §5: a dump's
 * declared types are kept). Values travel from the parser as text or bytes and are cast
 * by DuckDB, so every mapping here must accept MySQL's text form of the value exactly.
 */

/** How a value is staged before DuckDB casts it: UTF-8 text, raw bytes, or a BIT number. */
export type StagingKind = 'text' | 'blob' | 'bit';

export interface ColumnType {
  /** The type as declared, e.g. `decimal(10,2) unsigned`. */
  declared: string;
  /** The DuckDB type of the bronze column. */
  duckdb: string;
  staging: StagingKind;
  /** DATE / DATETIME / TIMESTAMP: MySQL's zero dates become NULL (and are counted). */
  temporal: boolean;
}

const INTEGERS: Record<string, [signed: string, unsigned: string]> = {
  tinyint: ['TINYINT', 'UTINYINT'],
  smallint: ['SMALLINT', 'USMALLINT'],
  mediumint: ['INTEGER', 'UINTEGER'],
  int: ['INTEGER', 'UINTEGER'],
  integer: ['INTEGER', 'UINTEGER'],
  // BIGINT UNSIGNED reaches 2^64-1: UBIGINT holds it exactly.
  bigint: ['BIGINT', 'UBIGINT'],
};

const TEXT = new Set([
  'char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum', 'set', 'json',
  'nchar', 'nvarchar', 'national', 'character', 'uuid', 'inet4', 'inet6',
]);
const BINARY = new Set([
  'binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob',
  'geometry', 'point', 'linestring', 'polygon', 'multipoint', 'multilinestring', 'multipolygon', 'geometrycollection',
]);

/** A column whose type is unknown (a dump without CREATE TABLE): text, as read. */
export const UNTYPED: ColumnType = { declared: '', duckdb: 'VARCHAR', staging: 'text', temporal: false };

/**
 * Maps a declared type such as `int(11) unsigned`, `decimal(20,6)`, `enum('a','b')` or
 * `double precision`. Unknown types are kept as text rather than failing the load.
 */
export function mapMysqlType(declared: string): ColumnType {
  const lower = declared.trim().toLowerCase();
  const name = /^[a-z0-9_]+/.exec(lower)?.[0] ?? '';
  const args = /^[a-z0-9_ ]*\(([^)]*)\)/.exec(lower)?.[1]?.split(',').map((a) => a.trim()) ?? [];
  const unsigned = /\bunsigned\b/.test(lower);
  const base = { declared: declared.trim(), staging: 'text' as StagingKind, temporal: false };

  const integer = INTEGERS[name];
  if (integer) return { ...base, duckdb: unsigned ? integer[1] : integer[0] };
  switch (name) {
    case 'bool':
    case 'boolean':
      return { ...base, duckdb: 'TINYINT' }; // MySQL's BOOLEAN is TINYINT(1): 2 is a legal value
    case 'decimal':
    case 'numeric':
    case 'dec':
    case 'fixed': {
      const precision = Number(args[0] ?? 10);
      const scale = Number(args[1] ?? 0);
      // DuckDB's DECIMAL stops at 38 digits; MySQL's at 65. Wider ones stay exact as text.
      return { ...base, duckdb: precision <= 38 ? `DECIMAL(${precision},${scale})` : 'VARCHAR' };
    }
    case 'float':
      return { ...base, duckdb: args.length === 1 && Number(args[0]) > 24 ? 'DOUBLE' : 'FLOAT' };
    case 'double':
    case 'real':
      return { ...base, duckdb: 'DOUBLE' };
    case 'date':
      return { ...base, duckdb: 'DATE', temporal: true };
    case 'datetime':
    case 'timestamp':
      return { ...base, duckdb: 'TIMESTAMP', temporal: true };
    case 'time':
      // MySQL's TIME is a duration from -838:59:59 to 838:59:59, beyond DuckDB's TIME.
      // INTERVAL would hold it, but Parquet cannot store negative intervals, so bronze
      // could not be exported: the exact text stays (cast it to INTERVAL in SQL).
      return { ...base, duckdb: 'VARCHAR' };
    case 'year':
      return { ...base, duckdb: 'SMALLINT' };
    case 'bit':
      return { ...base, duckdb: 'UBIGINT', staging: 'bit' };
  }
  if (BINARY.has(name)) return { ...base, duckdb: 'BLOB', staging: 'blob' };
  if (TEXT.has(name)) return { ...base, duckdb: 'VARCHAR' };
  return { ...base, duckdb: 'VARCHAR' };
}
