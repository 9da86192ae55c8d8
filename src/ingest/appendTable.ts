import type { Engine } from '../engine/interface';
import { columnTypes } from '../engine/catalog';
import { qualified, quoteIdent } from '../engine/sql';

/**
 * Appends the rows of `selectSql` to `schema.table`, creating it on first use. Columns
 * are matched by name; a column the table lacks is added first (as VARCHAR unless the
 * query says otherwise), so several files of one logical source can land in one table
 * even when one of them has an extra column.
 */
export async function appendTable(engine: Engine, schema: string, table: string, selectSql: string): Promise<void> {
  const target = qualified(schema, table);
  const existing = await columnTypes(engine, schema, table);
  if (existing.size === 0) {
    await engine.exec(`CREATE TABLE ${target} AS ${selectSql}`);
    return;
  }
  const incoming = await engine.query(`SELECT column_name, column_type FROM (DESCRIBE ${selectSql})`);
  for (const row of incoming.toArray()) {
    const name = String(row.column_name);
    if (!existing.has(name)) {
      await engine.exec(`ALTER TABLE ${target} ADD COLUMN ${quoteIdent(name)} ${String(row.column_type)}`);
    }
  }
  await engine.exec(`INSERT INTO ${target} BY NAME ${selectSql}`);
}
