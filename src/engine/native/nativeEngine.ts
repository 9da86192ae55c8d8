import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Int8, Table, tableToIPC, Type, vectorFromArray } from 'apache-arrow';
import { bytesOf, type Engine, type EngineInfo, type FileBytes, type FileInPlace } from '../interface';
import { offlineSettings } from '../offlineSettings';
import { initParquet, ipcToParquet, parquetToArrow } from '../parquet';
import { QueryCancelledError } from '../queryCancelled';
import { qualified, quoteIdent, quoteLiteral } from '../sql';

const require = createRequire(import.meta.url);

/**
 * Native DuckDB through @duckdb/node-api: the CLI's engine for data too large for a tab,
 * and the baseline the WASM engine is measured against. Results cross as Parquet (which
 * native DuckDB writes itself) and become Arrow through parquet-wasm, so both engines
 * return the same Arrow types.
 */
export class NativeEngine implements Engine {
  readonly kind = 'native' as const;
  private seq = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly scratch: string,
  ) {}

  static async open(path = ':memory:'): Promise<NativeEngine> {
    await initParquet(() => readFile(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')));
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    const scratch = await mkdtemp(join(tmpdir(), 'pocket-lakehouse-'));
    const engine = new NativeEngine(instance, conn, scratch);
    await engine.exec(offlineSettings());
    return engine;
  }

  async describe(): Promise<EngineInfo> {
    const reader = await this.conn.runAndReadAll("SELECT version() AS v, current_setting('threads')::INTEGER AS t");
    const [row] = reader.getRowObjectsJS();
    return { kind: this.kind, version: String(row.v), threads: Number(row.t) };
  }

  async exec(sql: string): Promise<void> {
    await this.run(sql);
  }

  async query(sql: string): Promise<Table> {
    const file = this.scratchFile('parquet');
    try {
      await this.run(`COPY (${sql}) TO ${quoteLiteral(file)} (FORMAT parquet)`);
      return await parquetToArrow(await readFile(file));
    } finally {
      await rm(file, { force: true });
    }
  }

  async queryIPC(sql: string): Promise<Uint8Array> {
    return tableToIPC(await this.query(sql), 'stream');
  }

  async queryAllIPC(sqls: readonly string[]): Promise<Uint8Array[]> {
    const results: Uint8Array[] = [];
    for (const sql of sqls) results.push(await this.queryIPC(sql));
    return results;
  }

  async registerFile(name: string, bytes: FileBytes, inPlace?: FileInPlace): Promise<string> {
    // A file already on disk is read where it is: writing a copy would cost as much as the
    // read itself (and the disk space of every input once more).
    if (inPlace?.diskPath !== undefined) return inPlace.diskPath;
    const file = join(this.scratch, `${this.seq++}-${name.replace(/[^\w.-]+/g, '_')}`);
    await writeFile(file, await bytesOf(bytes));
    this.files.set(name, file);
    return file;
  }

  private readonly files = new Map<string, string>();

  async dropFile(name: string): Promise<void> {
    const file = this.files.get(name);
    this.files.delete(name);
    if (file) await rm(file, { force: true });
  }

  insertArrow(table: string, data: Table): Promise<void> {
    // apache-arrow writes an all-null Boolean column without its values buffer, which
    // parquet-wasm refuses ("Need at least 8 bytes for bitmap"): such columns go over as
    // all-null TINYINT and are read back as BOOLEAN.
    const allNullBooleans = data.schema.fields.filter((f) => f.type.typeId === Type.Bool && data.getChild(f.name)!.nullCount === data.numRows && data.numRows > 0).map((f) => f.name);
    if (allNullBooleans.length === 0) return this.insertIPC(table, tableToIPC(data, 'stream'));
    const columns = Object.fromEntries(data.schema.fields.map((f) => [f.name, allNullBooleans.includes(f.name) ? vectorFromArray(new Array<null>(data.numRows).fill(null), new Int8()) : data.getChild(f.name)!]));
    return this.insertParquet(table, tableToIPC(new Table(columns), 'stream'), allNullBooleans);
  }

  insertIPC(table: string, ipc: Uint8Array): Promise<void> {
    return this.insertParquet(table, ipc, []);
  }

  /** Through a Parquet file; `booleans` are columns to read back as BOOLEAN. */
  private async insertParquet(table: string, ipc: Uint8Array, booleans: string[]): Promise<void> {
    const file = this.scratchFile('parquet');
    try {
      await writeFile(file, await ipcToParquet(ipc));
      const [schema, name] = table.includes('.') ? table.split('.', 2) : ['main', table];
      const replace = booleans.length ? ` REPLACE (${booleans.map((b) => `CAST(${quoteIdent(b)} AS BOOLEAN) AS ${quoteIdent(b)}`).join(', ')})` : '';
      const source = `(SELECT *${replace} FROM read_parquet(${quoteLiteral(file)}))`;
      await this.run(
        `CREATE TABLE IF NOT EXISTS ${qualified(schema, name)} AS SELECT * FROM ${source} LIMIT 0;
         INSERT INTO ${qualified(schema, name)} BY NAME SELECT * FROM ${source}`,
      );
    } finally {
      await rm(file, { force: true });
    }
  }

  async toParquet(sql: string): Promise<Uint8Array> {
    const file = this.scratchFile('parquet');
    try {
      await this.run(`COPY (${sql}) TO ${quoteLiteral(file)} (FORMAT parquet, COMPRESSION zstd)`);
      return await readFile(file);
    } finally {
      await rm(file, { force: true });
    }
  }

  async cancel(): Promise<boolean> {
    if (this.active === 0) return false;
    this.cancelRequested = true;
    this.conn.interrupt();
    return true;
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
    await rm(this.scratch, { recursive: true, force: true });
  }

  private active = 0;
  private cancelRequested = false;

  /** Every statement goes through here, so that cancel() knows whether one is running. */
  private async run(sql: string): Promise<void> {
    if (this.active++ === 0) this.cancelRequested = false;
    try {
      await this.conn.run(sql);
    } catch (error) {
      if (this.cancelRequested || /interrupt/i.test((error as Error).message)) throw new QueryCancelledError();
      throw error;
    } finally {
      this.active--;
    }
  }

  private scratchFile(ext: string): string {
    return join(this.scratch, `${this.seq++}.${ext}`);
  }
}
