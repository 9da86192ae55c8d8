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

/** The column a reducing model returns on each summary row: every good bronze row it stands for. */
export const ABSORBED = '_absorbed';

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

/**
 * For a model that reduces: each summary row lists in `_absorbed` the good bronze rows it
 * stands for, as {_source, _row, _values}; all but the summary's own (`_source`, `_row`),
 * the kept row, are duplicates. `_values` is what the model says a bronze row's data is
 * (geolocation: a hash of its data columns as loaded); a duplicate is exact when its
 * `_values` equal the kept row's. Taken from the list rather than from bronze: fetching a
 * million bronze rows by (_source, _row) doubled the model's time.
 */
export async function recordAbsorbedRows(engine: Engine, name: string, stage: string): Promise<void> {
  // The kept row's _values are found in its own summary's list: one pass, no join.
  await engine.exec(`CREATE OR REPLACE TABLE ${qualified('duplicates', name)} AS
    SELECT a._source, a._row::BIGINT AS _row, _kept_source, _kept_row,
      CASE WHEN kept IS NOT NULL AND a._values IS NOT DISTINCT FROM kept._values THEN 'exact' ELSE 'conflicting' END AS _kind
    FROM (
      SELECT _kept_source, _kept_row, kept, unnest(listed) AS a FROM (
        SELECT _source AS _kept_source, _row::BIGINT AS _kept_row, ${ABSORBED} AS listed,
          list_filter(${ABSORBED}, p -> p._source = _source AND p._row = _row)[1] AS kept
        FROM ${stage} WHERE _reason IS NULL))
    WHERE (a._source, a._row::BIGINT) IS DISTINCT FROM (_kept_source, _kept_row)`);
}

/** The columns as one struct value `{c0: a, c1: b}`: compared whole, NULL equal to NULL. (A one-field `row()` is not a struct in an IN list.) */
function structOf(columns: string[], alias?: string): string {
  return `{${columns.map((c, i) => `c${i}: ${alias ? `${alias}.` : ''}${quoteIdent(c)}`).join(', ')}}`;
}
