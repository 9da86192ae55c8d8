import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import type { Engine } from '../engine/interface';
import { quoteIdent } from '../engine/sql';
import type { FeatureSql } from '../predictions/featureSql';

const FEATURES = fileURLToPath(new URL('../predictions/features', import.meta.url));

/** The prediction feature queries, read from disk (the browser gets them bundled). */
export async function readFeatureSql(): Promise<FeatureSql> {
  return { eta: await readFile(join(FEATURES, 'eta_features.sql'), 'utf8'), churn: await readFile(join(FEATURES, 'churn_features.sql'), 'utf8') };
}

/** Loads the Parquet files of `dir/<layer>/` (as `npm run pipeline -- --out dir` writes them) into `<layer>.<table>`. */
export async function readLakehouseLayer(engine: Engine, dir: string, layer: string): Promise<void> {
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${layer}`);
  for (const name of (await readdir(join(dir, layer))).filter((n) => n.endsWith('.parquet'))) {
    const path = resolve(dir, layer, name).replaceAll("'", "''");
    await engine.exec(`CREATE OR REPLACE TABLE ${layer}.${quoteIdent(name.replace(/\.parquet$/, ''))} AS SELECT * FROM read_parquet('${path}')`);
  }
}
