import type { Engine } from '../../engine/interface';
import { columnTypes } from '../../engine/catalog';
import { quoteLiteral } from '../../engine/sql';

/**
 * What each model was last built from, so that the next run can leave it as it is or
 * bring it up to date with only what changed (runner: planBuild.ts). One row per model in
 * `meta.model_builds`, in the lakehouse's own database (an OPFS lakehouse or a CLI
 * --lakehouse folder keeps it; "Start over" drops the meta schema and with it every record,
 * so the next run builds everything):
 * - `build`: an id new each time the model's tables are written (a UUID: never reused,
 *   even after a record was forgotten), which the records of the models that read it compare;
 * - `sql`: the model's SQL, so an edited model is rebuilt;
 * - `inputs`: each table it reads as it was then (a bronze table: rows and last batch;
 *   a model's table: its build number);
 * - `rows`: silver.<name> / gold.<name>'s rows, a check that nobody rewrote the table since;
 * - `batch`: for silver, the last bronze batch it holds (the next build may type only
 *   the rows of later batches).
 * A record is removed before a model is built and written once it succeeded: a failed or
 * cancelled build leaves none, and the next run rebuilds the model whole. Anything else
 * that rewrites tables (a rollback, a console statement that writes) forgets every record.
 */
export const BUILDS_TABLE = 'meta.model_builds';

export interface BuildRecord {
  model: string;
  build: string;
  sql: string;
  /** Null when one of them could not be told (see planBuild.ts's inputStates): never left unchanged. */
  inputs: Record<string, string> | null;
  rows: number;
  /** Silver: the bronze rows it was built from, and their last batch. */
  bronzeRows?: number;
  batch?: number;
}

export async function readBuildRecords(engine: Engine): Promise<Map<string, BuildRecord>> {
  if ((await columnTypes(engine, 'meta', 'model_builds')).size === 0) return new Map();
  const t = await engine.query(`SELECT model, build, sql, inputs, rows::DOUBLE AS rows, bronze_rows::DOUBLE AS bronze_rows, batch FROM ${BUILDS_TABLE}`);
  return new Map(
    t.toArray().map((r) => [
      String(r.model),
      {
        model: String(r.model),
        build: String(r.build),
        sql: String(r.sql),
        inputs: JSON.parse(String(r.inputs)) as Record<string, string> | null,
        rows: Number(r.rows),
        ...(r.bronze_rows === null ? {} : { bronzeRows: Number(r.bronze_rows) }),
        ...(r.batch === null ? {} : { batch: Number(r.batch) }),
      },
    ]),
  );
}

async function ensureBuildsTable(engine: Engine): Promise<void> {
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS meta;
    CREATE TABLE IF NOT EXISTS ${BUILDS_TABLE} (model VARCHAR, build VARCHAR, sql VARCHAR, inputs VARCHAR, rows BIGINT, bronze_rows BIGINT, batch INTEGER)`);
}

/** Whether any record is kept (a lakehouse that never ran incrementally has none). */
export async function hasBuildRecords(engine: Engine): Promise<boolean> {
  return (await columnTypes(engine, 'meta', 'model_builds')).size > 0;
}

/** Forgets what `model` was built from (before it is built again). */
export async function forgetBuild(engine: Engine, model: string): Promise<void> {
  await engine.exec(`DELETE FROM ${BUILDS_TABLE} WHERE model = ${quoteLiteral(model)}`);
}

/** Forgets every record: the next run builds every model whole. */
export async function forgetAllBuilds(engine: Engine): Promise<void> {
  if (await hasBuildRecords(engine)) await engine.exec(`DELETE FROM ${BUILDS_TABLE}`);
  if ((await columnTypes(engine, 'meta', 'merged_keys')).size > 0) await engine.exec(`DELETE FROM meta.merged_keys`);
}

/** Records a build that succeeded, under a new build id. */
export async function recordBuild(engine: Engine, record: Omit<BuildRecord, 'build'>): Promise<BuildRecord> {
  await ensureBuildsTable(engine);
  const build = String((await engine.query(`SELECT gen_random_uuid()::VARCHAR AS b`)).get(0)?.b);
  const num = (n: number | undefined) => (n === undefined ? 'NULL' : String(n));
  await engine.exec(`DELETE FROM ${BUILDS_TABLE} WHERE model = ${quoteLiteral(record.model)};
    INSERT INTO ${BUILDS_TABLE} VALUES (${quoteLiteral(record.model)}, ${quoteLiteral(build)}, ${quoteLiteral(record.sql)}, ${quoteLiteral(JSON.stringify(record.inputs))}, ${record.rows}, ${num(record.bronzeRows)}, ${num(record.batch)})`);
  return { ...record, build };
}
