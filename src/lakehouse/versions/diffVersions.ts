import type { Engine } from '../../engine/interface';
import { quoteIdent } from '../../engine/sql';
import { loggedStates, tableId } from './tableState';
import { checkVersion } from './versionLog';
import { historyTable, HISTORY_COLUMNS } from './versionSchema';

/** One row of a diff: added, removed, or changed (same key, other values: the changed columns named). */
export interface DiffRow {
  change: 'added' | 'removed' | 'changed';
  /** The row before (removed, changed) and after (added, changed), every value as text (NULL as null). */
  before?: Record<string, string | null>;
  after?: Record<string, string | null>;
  changedColumns: string[];
}

export interface VersionDiff {
  table: string;
  from: number;
  to: number;
  /** The key rows are paired by; empty: by whole row (a changed row is a removal plus an addition). */
  key: string[];
  columns: string[];
  added: number;
  removed: number;
  changed: number;
  /** The first `limit` differences, by key. */
  rows: DiffRow[];
}

const valid = (v: number) => `_v_from <= ${v} AND (_v_to IS NULL OR _v_to > ${v})`;

/** How `table` (`layer.name`) differs between versions `from` and `to` (either order). */
export async function diffVersions(engine: Engine, table: string, from: number, to: number, limit = 200): Promise<VersionDiff> {
  await checkVersion(engine, from);
  await checkVersion(engine, to);
  const states = await loggedStates(engine);
  const state = states.get(table);
  if (!state) throw new Error(`${table} has no versions.`);
  const [layer, name] = [state.layer, state.name];
  // The key the table was diffed by at the later version: identities are comparable within it.
  const key = (await loggedStates(engine, Math.max(from, to))).get(tableId(state))?.key ?? [];
  const history = historyTable(layer, name);
  const colsResult = await engine.query(`SELECT * FROM ${history} LIMIT 0`);
  const columns = colsResult.schema.fields.map((f) => f.name).filter((n) => !(HISTORY_COLUMNS as readonly string[]).includes(n));
  const text = columns.map((c) => `${quoteIdent(c)}::VARCHAR AS ${quoteIdent(c)}`).join(', ');
  await engine.exec(`CREATE OR REPLACE TEMP TABLE __v_a AS SELECT _v_key, _v_hash FROM ${history} WHERE ${valid(from)};
    CREATE OR REPLACE TEMP TABLE __v_b AS SELECT _v_key, _v_hash FROM ${history} WHERE ${valid(to)};
    CREATE OR REPLACE TEMP TABLE __v_only_a AS SELECT * FROM __v_a a WHERE NOT EXISTS (SELECT 1 FROM __v_b b WHERE a._v_key = b._v_key AND a._v_hash = b._v_hash);
    CREATE OR REPLACE TEMP TABLE __v_only_b AS SELECT * FROM __v_b b WHERE NOT EXISTS (SELECT 1 FROM __v_a a WHERE a._v_key = b._v_key AND a._v_hash = b._v_hash)`);
  try {
    const keyed = key.length > 0;
    const c = (
      await engine.query(
        `SELECT (SELECT count(*) FROM __v_only_a)::BIGINT AS a, (SELECT count(*) FROM __v_only_b)::BIGINT AS b,
                ${keyed ? '(SELECT count(*) FROM __v_only_b WHERE _v_key IN (SELECT _v_key FROM __v_only_a))' : '0'}::BIGINT AS both`,
      )
    ).toArray()[0]!;
    const changed = Number(c.both);
    const sample = await engine.query(
      `WITH picked AS (SELECT DISTINCT _v_key FROM (SELECT _v_key FROM __v_only_a UNION ALL SELECT _v_key FROM __v_only_b) ORDER BY _v_key LIMIT ${Math.max(0, Math.floor(limit))})
       SELECT h._v_key::VARCHAR AS __k, h._v_hash::VARCHAR AS __h, (h._v_key, h._v_hash) IN (SELECT (_v_key, _v_hash) FROM __v_only_b) AS __after, ${text}
       FROM ${history} h WHERE h._v_key IN (SELECT _v_key FROM picked)
         AND ((${valid(from)} AND (h._v_key, h._v_hash) IN (SELECT (_v_key, _v_hash) FROM __v_only_a))
           OR (${valid(to)} AND (h._v_key, h._v_hash) IN (SELECT (_v_key, _v_hash) FROM __v_only_b)))
       ORDER BY h._v_key, __after LIMIT ${2 * Math.max(0, Math.floor(limit))}`,
    );
    return { table, from, to, key, columns, added: Number(c.b) - changed, removed: Number(c.a) - changed, changed, rows: pairRows(sample.toArray(), columns, keyed) };
  } finally {
    await engine.exec('DROP TABLE IF EXISTS __v_a; DROP TABLE IF EXISTS __v_b; DROP TABLE IF EXISTS __v_only_a; DROP TABLE IF EXISTS __v_only_b');
  }
}

/** Row versions of the same key become one changed row naming the columns that differ. */
function pairRows(found: Array<Record<string, unknown>>, columns: string[], keyed: boolean): DiffRow[] {
  const values = (r: Record<string, unknown>) => Object.fromEntries(columns.map((c) => [c, r[c] === null || r[c] === undefined ? null : String(r[c])]));
  const rows: DiffRow[] = [];
  for (let i = 0; i < found.length; i++) {
    const r = found[i]!;
    const next = found[i + 1];
    if (keyed && !r.__after && next && next.__after && next.__k === r.__k) {
      const before = values(r);
      const after = values(next);
      rows.push({ change: 'changed', before, after, changedColumns: columns.filter((col) => before[col] !== after[col]) });
      i++;
    } else if (r.__after) rows.push({ change: 'added', after: values(r), changedColumns: [] });
    else rows.push({ change: 'removed', before: values(r), changedColumns: [] });
  }
  return rows;
}
