import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/interface';
import { memoryUse } from '../engine/memoryUse';
import { createNodeWasmEngine } from '../engine/wasm/nodeWasmEngine';
import { NativeEngine } from '../engine/native/nativeEngine';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPRESSED_DATABASE, storeCompressedIfLarge } from './compressedStorage';

const GiB = 1024 ** 3;
const currentDatabase = async (e: Engine) => String((await e.query('SELECT current_database() AS d')).get(0)?.d);

/** A text table like bronze: repetitive strings, as CSV columns read as VARCHAR are. */
const FILL = `CREATE SCHEMA IF NOT EXISTS bronze;
  CREATE TABLE bronze.t AS SELECT 'customer-' || (i % 5000) AS a, 'São Paulo' AS city, 'olist/file.csv' AS _source, (i % 977)::VARCHAR AS zip
  FROM range(400000) r(i)`;

describe('storeCompressedIfLarge', () => {
  let engine: Engine | undefined;
  afterEach(async () => engine?.close());

  it('keeps a small load in the fast uncompressed database', async () => {
    engine = await createNodeWasmEngine();
    expect(await storeCompressedIfLarge(engine, 0.4 * GiB, 3 * GiB)).toBe(false);
    expect(await currentDatabase(engine)).toBe('memory');
  });

  it('stores a large load compressed, in a fifth of the memory or less', async () => {
    const plain = await createNodeWasmEngine();
    await plain.exec(FILL);
    const uncompressed = (await memoryUse(plain)).heldBytes;
    await plain.close();
    engine = await createNodeWasmEngine();
    expect(await storeCompressedIfLarge(engine, 2.5 * GiB, 3 * GiB)).toBe(true);
    expect(await currentDatabase(engine)).toBe(COMPRESSED_DATABASE);
    await engine.exec(FILL);
    expect((await engine.query("SELECT database_name FROM duckdb_tables() WHERE table_name = 't'")).get(0)?.database_name).toBe(COMPRESSED_DATABASE);
    expect((await memoryUse(engine)).heldBytes).toBeLessThan(uncompressed / 5);
    // Asked again (a second load): still compressed.
    expect(await storeCompressedIfLarge(engine, 0, 3 * GiB)).toBe(true);
  });

  it('does not move a lakehouse that already holds tables', async () => {
    engine = await createNodeWasmEngine();
    await engine.exec(FILL);
    expect(await storeCompressedIfLarge(engine, 2.5 * GiB, 3 * GiB)).toBe(false);
    expect(await currentDatabase(engine)).toBe('memory');
  });

  it('leaves a lakehouse stored in a database file where it is: the file compresses it already', async () => {
    engine = await NativeEngine.open(join(mkdtempSync(join(tmpdir(), 'stored-')), 'lakehouse.duckdb'));
    expect(await storeCompressedIfLarge(engine, 2.5 * GiB, 3 * GiB)).toBe(true);
    expect(await currentDatabase(engine)).toBe('lakehouse');
  });
});
