import { unzipSync } from 'fflate';
import { qualified, quoteIdent } from '../../engine/sql';
import type { Lakehouse } from '../lakehouse';
import { parquetToIPC } from '../../engine/parquet';
import { sha256 } from './sha256';
import { EXTRACT_FILE, type ExtractManifest } from './extractManifest';

const SCHEMAS = ['silver', 'gold', 'dashboard'];
const NAME = /^[a-z_][a-z0-9_]*$/;
const PLAIN_TYPE = /^[A-Z][A-Z0-9_ ]*(\(\d+(, ?\d+)?\))?$/;

/**
 * Loads a published extract (the zip `npm run publish` writes, served by /extract) into
 * an emptied lakehouse, read-only: every file is checked against the extract's manifest
 * (names, size, SHA-256) before anything is loaded, and the dashboard then uses the
 * extract's own tables, built from the audience's rows, instead of rebuilding them.
 */
export async function loadExtract(lakehouse: Lakehouse, zip: Uint8Array): Promise<ExtractManifest> {
  let files: Record<string, Uint8Array>;
  let manifest: ExtractManifest;
  try {
    files = unzipSync(zip);
    manifest = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(files[EXTRACT_FILE]));
  } catch {
    throw new Error('the extract is not a Pocket Lakehouse extract (not a zip with extract.json)');
  }
  if (manifest?.format !== 'pocket-lakehouse-extract' || manifest.version !== 1 || !Array.isArray(manifest.tables)) throw new Error('the extract is of an unknown format or version');
  for (const t of manifest.tables) {
    if (!SCHEMAS.includes(t.schema) || !NAME.test(t.name) || t.file !== `${t.schema}.${t.name}.parquet`) throw new Error(`the extract lists a table it may not hold (${String(t.schema)}.${String(t.name)})`);
    const bytes = files[t.file];
    if (!bytes || bytes.byteLength !== t.bytes || (await sha256(bytes)) !== t.sha256) throw new Error(`the extract's ${t.schema}.${t.name} is missing or damaged`);
  }
  await lakehouse.reset();
  const { engine } = lakehouse;
  await engine.exec(SCHEMAS.map((s) => `CREATE SCHEMA IF NOT EXISTS ${s}`).join('; '));
  for (const t of manifest.tables) {
    if (t.rows === 0) {
      // An empty Arrow stream creates no table in DuckDB-WASM: declare it from the manifest.
      const columns = t.columns.map((c) => `${quoteIdent(c.name)} ${PLAIN_TYPE.test(c.type) ? c.type : 'VARCHAR'}`);
      await engine.exec(`CREATE TABLE ${qualified(t.schema, t.name)} (${columns.join(', ')})`);
    } else {
      await engine.insertIPC(`${t.schema}.${t.name}`, await parquetToIPC(files[t.file]!));
    }
  }
  lakehouse.usePublishedDashboard();
  return manifest;
}
