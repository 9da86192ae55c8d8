import { readFileSync } from 'node:fs';
import type { Engine } from '../../../engine/interface';
import type { InputFile } from '../../inputFile';

/** The committed fixtures (fixtures/mongo), read as a loader gets them. */
export const FIXTURES = new URL('../../../../fixtures/mongo/', import.meta.url);

export function fixture(path: string, as = path): InputFile {
  return { path: as, bytes: new Uint8Array(readFileSync(new URL(path, FIXTURES))) };
}

export const LOADED_AT = '2026-01-02 03:04:05';
let seq = 0;
/** A fresh load context: a unique id for staging tables and a fixed `_loaded_at`. */
export const ctx = () => ({ id: `t${seq++}`, loadedAt: LOADED_AT });

/** Rows as plain objects (BIGINT stays bigint). */
export async function rows(engine: Engine, sql: string): Promise<Record<string, unknown>[]> {
  return (await engine.query(sql)).toArray().map((r) => r.toJSON());
}

/** `column:TYPE` for each column of a table, in order. */
export async function columnTypes(engine: Engine, schema: string, table: string): Promise<string[]> {
  const t = await rows(
    engine,
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = '${table}' ORDER BY ordinal_position`,
  );
  return t.map((r) => `${r.column_name}:${r.data_type}`);
}
