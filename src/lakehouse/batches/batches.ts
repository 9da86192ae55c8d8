import { columnTypes } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent, quoteLiteral } from '../../engine/sql';
import type { IngestReport } from '../../ingest/loadFiles';

/**
 * Every load into the lakehouse is a batch (issue #15): meta.batches holds one row per
 * batch (id 1, 2, …, when, how many files and rows), meta.batch_sources one row per file
 * and table it loaded. They live in the lakehouse's own database, so a lakehouse stored in
 * the browser (OPFS) or in a CLI --lakehouse folder keeps them with its tables.
 *
 * Every bronze row carries `_batch`, and `_op` / `_change_at` (the change-record columns,
 * NULL for snapshot rows): silver merges by them (src/pipeline/mergeBatches.ts).
 */
export const META_SCHEMA = 'meta';

/** The columns a bronze table gets for batches and change records, with their types. */
export const BATCH_COLUMNS = { _batch: 'INTEGER', _op: 'VARCHAR', _change_at: 'TIMESTAMP' } as const;

export interface Batch {
  batch: number;
  loadedAt: string;
  files: number;
  rows: number;
}

async function ensureMeta(engine: Engine): Promise<void> {
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${META_SCHEMA};
    CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.batches (batch INTEGER PRIMARY KEY, loaded_at TIMESTAMP, files INTEGER, rows BIGINT);
    CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.batch_sources (batch INTEGER, file VARCHAR, source VARCHAR, "table" VARCHAR, rows BIGINT, quarantined BIGINT)`);
}

/** The id of the last batch loaded, 0 when none was (what the versions of #15 commit against). */
export async function currentBatch(engine: Engine): Promise<number> {
  if ((await columnTypes(engine, META_SCHEMA, 'batches')).size === 0) return 0;
  return Number((await engine.query(`SELECT coalesce(max(batch), 0)::INTEGER AS n FROM ${META_SCHEMA}.batches`)).get(0)?.n ?? 0);
}

export async function listBatches(engine: Engine): Promise<Batch[]> {
  if ((await columnTypes(engine, META_SCHEMA, 'batches')).size === 0) return [];
  const t = await engine.query(`SELECT batch, strftime(loaded_at, '%Y-%m-%d %H:%M:%S') AS loaded_at, files, rows::DOUBLE AS rows FROM ${META_SCHEMA}.batches ORDER BY batch`);
  return t.toArray().map((r) => ({ batch: Number(r.batch), loadedAt: String(r.loaded_at), files: Number(r.files), rows: Number(r.rows) }));
}

/**
 * Records the load that just ran as the next batch: stamps `_batch` on the rows it added to
 * bronze (and to quarantine at ingest), which are the rows without one, and writes
 * meta.batches. A file loaded again under a name an earlier batch used gets the name
 * `<file> (batch N)` in `_source`, so that (`_source`, `_row`) stays every bronze row's
 * identity (the row accounting counts by it). Returns the batch id and updates the
 * report's file names to match.
 */
export async function commitBatch(engine: Engine, report: IngestReport, loadedAt: Date = new Date()): Promise<number> {
  await ensureMeta(engine);
  // Few statements, each a round trip to DuckDB's worker in the browser (~5 ms): this ran
  // five per table (its columns, three ALTERs, the UPDATE), 0.28 s of the demo's first chart.
  const batch = Number((await engine.query(`SELECT coalesce(max(batch), 0)::INTEGER AS n FROM ${META_SCHEMA}.batches`)).get(0)?.n ?? 0) + 1;
  const tables = await tableColumns(engine, ['bronze', 'quarantine']);
  const stamp: string[] = [];
  for (const { layer, table, columns } of tables) {
    const target = qualified(layer, table);
    for (const [name, type] of Object.entries(BATCH_COLUMNS)) {
      if (columns.has(name)) continue;
      // Every row of a table without the column is this load's: it gets the batch as the
      // column is added (cheaper than an UPDATE of every row), and later rows get NULL as before.
      if (name === '_batch') stamp.push(`ALTER TABLE ${target} ADD COLUMN _batch ${type} DEFAULT ${batch}`, `ALTER TABLE ${target} ALTER COLUMN _batch DROP DEFAULT`);
      else stamp.push(`ALTER TABLE ${target} ADD COLUMN ${quoteIdent(name)} ${type}`);
    }
    if (columns.has('_batch')) stamp.push(`UPDATE ${target} SET _batch = ${batch} WHERE _batch IS NULL`);
  }
  if (stamp.length) await engine.exec(stamp.join(';\n'));
  const renamed = new Map<string, string>();
  for (const { layer, table, columns } of batch === 1 ? [] : tables) {
    if (!columns.has('_source')) continue;
    const target = qualified(layer, table);
    // The few sources of this batch first (its rows are the table's last: DuckDB skips the
    // others by their _batch range), then only those among the older rows: a table this
    // batch did not load (geolocation, 1 M rows at sf=1) no longer costs a scan of its _source.
    const clashes = await engine.query(`WITH fresh AS MATERIALIZED (SELECT DISTINCT _source FROM ${target} WHERE _batch = ${batch})
      SELECT _source FROM fresh WHERE EXISTS (SELECT 1 FROM fresh) AND _source IN (SELECT _source FROM ${target} WHERE _batch < ${batch} AND _source IN (SELECT _source FROM fresh))`);
    for (const r of clashes.toArray()) {
      const from = String(r._source);
      const to = `${from} (batch ${batch})`;
      renamed.set(from, to);
      await engine.exec(`UPDATE ${target} SET _source = ${quoteLiteral(to)} WHERE _batch = ${batch} AND _source = ${quoteLiteral(from)}`);
    }
  }
  for (const s of report.sources) {
    s.file = renamed.get(s.file) ?? s.file;
    s.batch = batch;
  }
  const rows = report.sources.reduce((n, s) => n + s.rows, 0);
  const record = [`INSERT INTO ${META_SCHEMA}.batches VALUES (${batch}, TIMESTAMP ${quoteLiteral(timestamp(loadedAt))}, ${new Set(report.sources.map((s) => s.file)).size}, ${rows})`];
  if (report.sources.length) {
    const values = report.sources.map((s) => `(${batch}, ${quoteLiteral(s.file)}, ${quoteLiteral(s.source)}, ${quoteLiteral(s.table)}, ${s.rows}, ${s.quarantined})`);
    record.push(`INSERT INTO ${META_SCHEMA}.batch_sources VALUES ${values.join(', ')}`);
  }
  await engine.exec(record.join(';\n'));
  return batch;
}

/** Forgets every batch: "Start over" empties the lakehouse, batches included. */
export async function dropBatches(engine: Engine): Promise<void> {
  await engine.exec(`DROP SCHEMA IF EXISTS ${META_SCHEMA} CASCADE`);
}

/** The tables of `layers` (not those named `_…`, a load's work in progress) with their column names, in one query. */
async function tableColumns(engine: Engine, layers: string[]): Promise<{ layer: string; table: string; columns: Set<string> }[]> {
  const t = await engine.query(`SELECT schema_name AS layer, table_name AS t, list(column_name) AS columns FROM duckdb_columns()
    WHERE database_name = current_database() AND schema_name IN (${layers.map(quoteLiteral).join(', ')}) AND NOT starts_with(table_name, '_')
    GROUP BY schema_name, table_name ORDER BY schema_name = 'quarantine', table_name`);
  return t.toArray().map((r) => ({ layer: String(r.layer), table: String(r.t), columns: new Set<string>([...r.columns].map(String)) }));
}

function timestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
