import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent, quoteLiteral } from '../../engine/sql';
import { LAYERS } from '../../pipeline/layers';
import { CONSOLE_RESULT, CONSOLE_SCHEMA } from '../console/consoleResult';
import type { GridSource, GridWindow, WindowRequest } from './gridTypes';
import { windowSql, type GridTarget } from './windowSql';

/** Counts kept at most; each is one table under one set of filters. */
const COUNT_CACHE = 200;
/** Windows starting this deep (or deeper) in a sorted or filtered table come from an ordered copy. */
const DIRECT_BELOW = 1000;
/** Ordered copies kept at most (each as large as its selection). */
const KEEP_COPIES = 2;
/** Where ordered copies live: outside the layers, so they are not listed. */
export const GRID_CACHE_SCHEMA = 'grid_cache';

/**
 * Windows of rows for the grid: one query per window, and the row count under the same
 * filters, cached until the data can have changed (call `invalidate()` after loads,
 * pipeline runs and console statements).
 */
export class GridQueries {
  private readonly counts = new Map<string, number>();
  /** Ordered copies by their selection's SQL, oldest first. */
  private readonly copies = new Map<string, Promise<string>>();
  private copySeq = 0;

  constructor(private readonly engine: Engine) {}

  async window(request: WindowRequest): Promise<GridWindow> {
    const started = performance.now();
    const target = await this.target(request.source);
    const sql = windowSql(target, request.sort, request.filters, request.offset, request.limit);
    // A window deep in a sorted or filtered table would sort the whole table again (a
    // 1M-row md5 sort: ~6 s for the last window in DuckDB-WASM); a copy in the selection's
    // order is made once (~1 s), and its windows are row-number ranges.
    const deep = sql.selection !== undefined && request.offset + request.limit > DIRECT_BELOW;
    const ipc = await this.engine.queryIPC(deep ? await this.copyWindow(sql.selection!, target, request.offset, request.limit) : sql.rows);
    const total = await this.count(sql.count, sql.countKey);
    return { offset: request.offset, total, columns: target.columns, ipc, milliseconds: performance.now() - started };
  }

  invalidate(): void {
    this.counts.clear();
    if (this.copies.size === 0) return;
    this.copies.clear();
    // Queued behind whatever runs now; a copy made from stale data is never read again.
    void this.engine.exec(`DROP SCHEMA IF EXISTS ${GRID_CACHE_SCHEMA} CASCADE`).catch(() => undefined);
  }

  /** A window of the selection's ordered copy, made first if needed; its rowids are the selection's row numbers. */
  private async copyWindow(selection: string, target: GridTarget, offset: number, limit: number): Promise<string> {
    let copy = this.copies.get(selection);
    if (!copy) {
      const name = qualified(GRID_CACHE_SCHEMA, `w${++this.copySeq}`);
      copy = this.engine.exec(`CREATE SCHEMA IF NOT EXISTS ${GRID_CACHE_SCHEMA}; CREATE TABLE ${name} AS ${selection}`).then(() => name);
      this.copies.set(selection, copy);
      copy.catch(() => this.copies.delete(selection));
      if (this.copies.size > KEEP_COPIES) {
        const [oldest, dropped] = this.copies.entries().next().value!;
        this.copies.delete(oldest);
        void dropped.then((t) => this.engine.exec(`DROP TABLE IF EXISTS ${t}`)).catch(() => undefined);
      }
    }
    const table = await copy;
    const select = target.columns.map((c) => quoteIdent(c.name)).join(', ');
    return `SELECT ${select} FROM ${table} WHERE rowid >= ${offset} AND rowid < ${offset + limit} ORDER BY rowid`;
  }

  private async count(sql: string, key: string): Promise<number> {
    const cached = this.counts.get(key);
    if (cached !== undefined) return cached;
    const n = Number((await this.engine.query(sql)).get(0)?.n ?? 0);
    if (this.counts.size >= COUNT_CACHE) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(key, n);
    return n;
  }

  /** The source's columns and order keys from the catalog; the source's names are only ever compared, never pasted. */
  private async target(source: GridSource): Promise<GridTarget> {
    const [schema, table] = source.kind === 'console' ? [CONSOLE_SCHEMA, CONSOLE_RESULT] : [source.layer, source.table];
    if (source.kind === 'table' && !LAYERS.includes(source.layer)) throw new Error(`There is no layer "${source.layer}".`);
    const rows = (
      await this.engine.query(
        `SELECT c.column_name AS name, c.data_type AS type, t.table_name IS NOT NULL AS is_table
         FROM duckdb_columns() c
         LEFT JOIN duckdb_tables() t ON t.database_name = c.database_name AND t.schema_name = c.schema_name AND t.table_name = c.table_name
         WHERE c.database_name = current_database() AND c.schema_name = ${quoteLiteral(schema)} AND c.table_name = ${quoteLiteral(table)}
         ORDER BY c.column_index`,
      )
    ).toArray();
    if (rows.length === 0) {
      throw new Error(source.kind === 'console' ? 'There is no console result yet: run a query first.' : `There is no table ${schema}.${table}; it may have been dropped or renamed.`);
    }
    const columns = rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
    const names = new Set(columns.map((c) => c.name));
    const loaded = names.has('_source') && names.has('_row') ? ['_source', '_row'] : [];
    const isTable = Boolean(rows[0]!.is_table);
    return {
      from: qualified(schema, table),
      columns,
      tieBreak: loaded.length ? loaded : isTable ? ['rowid'] : [],
      defaultOrder: loaded,
    };
  }
}
