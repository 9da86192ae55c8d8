import type { Model } from '../model';
import { byDialect, type DbtModelSql } from './dbtSql';
import { dbtModelName } from './dbtNames';
import { ABSORBED_COLUMNS } from '../duplicates';

/** The columns of a model's SELECT, as lineage.json lists them (silver: _reason and a reducing model's absorbed-row columns are the runner's, not silver's). */
export type ColumnsOf = (modelId: string) => string[];

const config = (schema: string, alias: string) => `{{ config(schema='${schema}', alias='${alias}') }}`;

const header = (lines: string[]) => lines.map((l) => `-- ${l}`.trimEnd()).join('\n');

/**
 * The dbt model files of one of our models: a gold model is one file; a silver model is
 * three, doing what the app's runner does after running the model's SQL
 * (src/pipeline/materialise.ts): silver_staging (the model's SQL: every bronze row typed,
 * with _reason), silver (the first good row per key by _row, then _source; a model that
 * reduces keeps its good rows as they are) and quarantine (the raw bronze rows with a
 * reason, plus _reason and _stage = 'silver').
 */
export function dbtModelFiles(model: Model, sql: DbtModelSql, columnsOf: ColumnsOf): Record<string, string> {
  const origin = `From src/pipeline/models/${model.path} (exported by npm run export-dbt; edit the model there).`;
  if (model.layer === 'gold') {
    return {
      [`models/gold/${dbtModelName('gold', model.name)}.sql`]: `${header([model.description, origin])}\n${config('gold', model.name)}\n${byDialect(sql.duckdb, sql.spark)}`,
    };
  }
  const staging = dbtModelName('silver_staging', model.name);
  const columns = silverColumns(model, columnsOf);
  const keep = model.reduces
    ? `-- The model reduces (reduces: ${model.reduces}): its summaries are one per key already; its other good rows are the ones they absorb.
SELECT ${columns.join(', ')}
FROM {{ ref('${staging}') }}
WHERE _reason IS NULL AND _kept_row IS NULL\n`
    : `-- The first good row per key (${model.key.join(', ')}) by _row, then _source, as the app's runner keeps.
SELECT ${columns.join(', ')}
FROM (
  SELECT *, row_number() OVER (PARTITION BY ${model.key.join(', ')} ORDER BY _row, _source) AS _first
  FROM {{ ref('${staging}') }}
  WHERE _reason IS NULL
) AS ranked
WHERE _first = 1\n`;
  return {
    [`models/silver_staging/${staging}.sql`]: `${header([
      `${model.description} Every bronze row, typed, with _reason (NULL for a good row).`,
      origin,
    ])}\n${config('silver_staging', model.name)}\n${byDialect(sql.duckdb, sql.spark)}`,
    [`models/silver/${dbtModelName('silver', model.name)}.sql`]: `${header([model.description])}\n${config('silver', model.name)}\n${keep}`,
    [`models/quarantine/${dbtModelName('quarantine', model.name)}.sql`]: `${header([
      `Bronze rows of ${model.name} that break a hard rule of src/pipeline/models/${model.path}, as loaded, with _reason.`,
    ])}
${config('quarantine', model.name)}
SELECT b.*, s._reason, 'silver' AS _stage
FROM {{ source('bronze', '${model.name}') }} AS b
JOIN (
  SELECT _source, _row, _reason FROM {{ ref('${staging}') }} WHERE _reason IS NOT NULL
) AS s ON b._source = s._source AND b._row = s._row\n`,
  };
}

/** A silver model's columns in silver: without _reason, and for a model that reduces without the columns of its absorbed rows. */
export function silverColumns(model: Model, columnsOf: ColumnsOf): string[] {
  return columnsOf(model.id).filter((c) => c !== '_reason' && !(model.reduces && ABSORBED_COLUMNS.includes(c)));
}
