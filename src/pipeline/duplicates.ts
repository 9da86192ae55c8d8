import type { Engine } from '../engine/interface';
import { qualified, quoteIdent } from '../engine/sql';

/**
 * duplicates.<source>: one row per bronze row silver dropped as a duplicate of a row it
 * kept. `_kept_source`, `_kept_row` name the kept row (it is in silver.<source>); `_kind` is
 * 'exact' when the dropped row's values equal the kept row's, 'conflicting' otherwise. The
 * dropped row's values stay in bronze.<source>, found by (`_source`, `_row`).
 */
const EMPTY = '_source VARCHAR, _row BIGINT, _kept_source VARCHAR, _kept_row BIGINT, _kind VARCHAR';

/** The bronze columns every layer carries; the others are a row's data. */
export const META_COLUMNS = ['_source', '_source_kind', '_row', '_loaded_at'];

/**
 * The columns a reducing model returns on each row of a good bronze row its summary absorbs
 * (NULL on summary and quarantined rows): the kept row it repeats, and whether exactly.
 */
export const ABSORBED_COLUMNS = ['_kept_source', '_kept_row', '_kind'];

/**
 * For a model that returns every bronze row: within each key that has more than one good
 * row, the rows after the first by (`_row`, `_source`) — the one silver keeps. Exact when
 * every typed data column equals the kept row's (NULLs equal). Keys are compared as a
 * struct, so a NULL key is one key, as in GROUP BY.
 */
export async function recordRepeatedRows(engine: Engine, name: string, stage: string, keyColumns: string[], dataColumns: string[], keyRepeats: boolean): Promise<void> {
  const target = qualified('duplicates', name);
  if (!keyRepeats) return engine.exec(`CREATE OR REPLACE TABLE ${target} (${EMPTY})`);
  const key = structOf(keyColumns);
  const values = structOf(dataColumns);
  const order = 'PARTITION BY _key ORDER BY _row, _source';
  // Only the rows of repeated keys are ranked: usually a handful among many.
  await engine.exec(`CREATE OR REPLACE TABLE ${target} AS
    WITH repeated AS (
      SELECT _source, _row, ${key} AS _key, ${values} AS _values FROM ${stage}
      WHERE _reason IS NULL AND ${key} IN (SELECT ${key} FROM ${stage} WHERE _reason IS NULL GROUP BY ALL HAVING count(*) > 1)
    ),
    ranked AS (
      SELECT _source, _row, _values, row_number() OVER (${order}) AS n,
        first_value({s: _source, r: _row, v: _values}) OVER (${order}) AS kept
      FROM repeated
    )
    SELECT _source, _row::BIGINT AS _row, kept.s AS _kept_source, kept.r::BIGINT AS _kept_row,
      CASE WHEN _values IS NOT DISTINCT FROM kept.v THEN 'exact' ELSE 'conflicting' END AS _kind
    FROM ranked WHERE n > 1`);
}

/** The columns of duplicates.<source>, in order. */
const DUPLICATE_COLUMNS = ['_source', '_row', '_kept_source', '_kept_row', '_kind'];

/**
 * For a model that reduces: each good bronze row its summaries absorb is a row of the model
 * that names the kept row (`_kept_source`, `_kept_row`: the summary's own) and says whether
 * it repeats it exactly (`_kind`). No per-key list: a list of every absorbed row per key is
 * memory DuckDB-WASM cannot spill (at sf=10 it ran geolocation out of memory,
 * bench/results/scale-sf10.md).
 * Those rows are most of the model's result (a million at sf=1): writing them a second
 * time cost seconds in WASM. So when the stage (in the duplicates schema) has the columns of
 * duplicates.<name> in order once the others are dropped (a model that returns them last,
 * after _reason, with BIGINT _row and _kept_row), the stage becomes duplicates.<name>: the
 * few other rows deleted, the other columns dropped, renamed. Otherwise they are copied.
 * Call it last: the stage is gone afterwards.
 */
export async function keepAbsorbedRows(engine: Engine, name: string, stage: string): Promise<void> {
  const target = qualified('duplicates', name);
  const types = new Map((await engine.query(`SELECT column_name AS c, column_type AS t FROM (DESCRIBE ${stage})`)).toArray().map((r) => [String(r.c), String(r.t)]));
  const kept = [...types.keys()].filter((c) => DUPLICATE_COLUMNS.includes(c));
  const inPlace = kept.join() === DUPLICATE_COLUMNS.join() && types.get('_row') === 'BIGINT' && types.get('_kept_row') === 'BIGINT' && stage.startsWith('"duplicates".');
  if (!inPlace) {
    await engine.exec(`CREATE OR REPLACE TABLE ${target} AS
      SELECT _source, _row::BIGINT AS _row, _kept_source, _kept_row::BIGINT AS _kept_row, _kind
      FROM ${stage} WHERE _reason IS NULL AND _kept_row IS NOT NULL`);
    return;
  }
  const dropped = [...types.keys()].filter((c) => !DUPLICATE_COLUMNS.includes(c));
  await engine.exec(`DELETE FROM ${stage} WHERE _reason IS NOT NULL OR _kept_row IS NULL;
    ${dropped.map((c) => `ALTER TABLE ${stage} DROP COLUMN ${quoteIdent(c)};`).join(' ')}
    DROP TABLE IF EXISTS ${target};
    ALTER TABLE ${stage} RENAME TO ${quoteIdent(name)}`);
}

/** The columns as one struct value `{c0: a, c1: b}`: compared whole, NULL equal to NULL. (A one-field `row()` is not a struct in an IN list.) */
function structOf(columns: string[], alias?: string): string {
  return `{${columns.map((c, i) => `c${i}: ${alias ? `${alias}.` : ''}${quoteIdent(c)}`).join(', ')}}`;
}
