import type { Engine } from '../../engine/interface';

/**
 * The run history lives in the lakehouse's own database, schema `runs`, so the stored
 * lakehouse (one DuckDB file in OPFS) keeps it across reloads. It is not a layer: the
 * table list, exports and the storage's checkpoint marker leave it out.
 */
export const RUNS_SCHEMA = 'runs';

const DDL = `
CREATE SCHEMA IF NOT EXISTS runs;
CREATE SEQUENCE IF NOT EXISTS runs.run_id START 1;
CREATE TABLE IF NOT EXISTS runs.runs (
  id BIGINT, kind VARCHAR, trigger VARCHAR, batch_id BIGINT,
  started_at TIMESTAMP, finished_at TIMESTAMP, milliseconds BIGINT, load_ms BIGINT, pipeline_ms BIGINT,
  status VARCHAR, problem VARCHAR, files INTEGER, file_errors INTEGER,
  rows_loaded BIGINT, rows_built BIGINT, quarantined_rows BIGINT,
  expectations_pass INTEGER, expectations_warn INTEGER, expectations_fail INTEGER, expectations_skipped INTEGER,
  models_built INTEGER, models_failed INTEGER, models_retried INTEGER,
  peak_memory_bytes DOUBLE, rows_per_second DOUBLE);
CREATE TABLE IF NOT EXISTS runs.models (
  run_id BIGINT, ordinal INTEGER, name VARCHAR, layer VARCHAR, status VARCHAR, rows BIGINT, milliseconds BIGINT,
  attempts INTEGER, in_run BOOLEAN, error VARCHAR, quarantined BIGINT);
CREATE TABLE IF NOT EXISTS runs.expectations (
  run_id BIGINT, ordinal INTEGER, model VARCHAR, name VARCHAR, kind VARCHAR, severity VARCHAR, status VARCHAR, failing BIGINT, message VARCHAR);
CREATE TABLE IF NOT EXISTS runs.tables (run_id BIGINT, layer VARCHAR, name VARCHAR, rows BIGINT);
CREATE TABLE IF NOT EXISTS runs.settings (key VARCHAR, value VARCHAR);`;

/** Creates the history's tables where they are missing (a new lakehouse, or one stored before runs were kept). */
export function ensureRunSchema(engine: Engine): Promise<void> {
  return engine.exec(DDL);
}

/** True when the database has the history's tables (reads never create them: an embed opens the file read-only). */
export async function hasRunSchema(engine: Engine): Promise<boolean> {
  const t = await engine.query(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'runs' AND table_name = 'runs'`);
  return Number(t.get(0)?.n ?? 0) > 0;
}
