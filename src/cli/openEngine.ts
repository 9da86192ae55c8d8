import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../engine/interface';
import { NativeEngine } from '../engine/native/nativeEngine';
import { createNodeWasmEngine } from '../engine/wasm/nodeWasmEngine';

export const ENGINE_NAMES = ['native', 'wasm'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function openEngine(name: EngineName): Promise<Engine> {
  return name === 'native' ? NativeEngine.open() : createNodeWasmEngine();
}

/** The database file a --lakehouse folder keeps between runs. */
export const LAKEHOUSE_FILE = 'lakehouse.duckdb';

/** Native DuckDB on `DIR/lakehouse.duckdb`, made on first use: each run a batch on the same lakehouse. */
export async function openLakehouseFolder(dir: string): Promise<Engine> {
  await mkdir(dir, { recursive: true });
  return NativeEngine.open(join(dir, LAKEHOUSE_FILE));
}
