import { tableExists } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { appendTable } from '../appendTable';
import type { DumpTable } from './dumpTable';

/**
 * A dump table's pending rows become bronze.<source> with `_source`, `_source_kind` and
 * `_loaded_at`: renamed into place when the table is new (no copy), appended by name when
 * another file already made it, and created empty when the dump declared the table but
 * held no rows.
 */
export async function moveDumpTableToBronze(engine: Engine, table: DumpTable, target: { source: string; origin: string; loadedAt: string }): Promise<void> {
  const { source, origin, loadedAt } = target;
  const meta = `${quoteLiteral(origin)} AS _source, 'mysql' AS _source_kind, TIMESTAMP ${quoteLiteral(loadedAt)} AS _loaded_at`;
  if (table.hasPending && !(await tableExists(engine, 'bronze', source))) {
    // The usual case, a new table: add the constant columns and rename it into place.
    const add = (column: string, type: string, value: string) =>
      `ALTER TABLE ${table.pendingTable} ADD COLUMN ${column} ${type} DEFAULT ${value}; ALTER TABLE ${table.pendingTable} ALTER COLUMN ${column} DROP DEFAULT;`;
    await engine.exec(
      add('_source', 'VARCHAR', quoteLiteral(origin)) +
        add('_source_kind', 'VARCHAR', "'mysql'") +
        add('_loaded_at', 'TIMESTAMP', `TIMESTAMP ${quoteLiteral(loadedAt)}`) +
        `ALTER TABLE ${table.pendingTable} RENAME TO ${quoteIdent(source)}`,
    );
  } else if (table.hasPending) {
    await appendTable(engine, 'bronze', source, `SELECT * EXCLUDE (_row), _row, ${meta} FROM ${table.pendingTable}`);
  } else {
    const columns = table.columns.map((c) => `NULL::${c.type.duckdb} AS ${quoteIdent(c.name)}`);
    await appendTable(engine, 'bronze', source, `SELECT ${[...columns, 'NULL::BIGINT AS _row', meta].join(', ')} LIMIT 0`);
  }
}
