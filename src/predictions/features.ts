/**
 * Builds the feature tables of the two prediction models (ml.eta_features, ml.churn_features)
 * from gold and silver, through the engine interface, and reads them back as columns.
 */
import type { Table } from 'apache-arrow';
import type { Engine } from '../engine/interface';
import type { FeatureSql } from './featureSql';

export const ML_SCHEMA = 'ml';

/** A table as named columns of plain values (numbers, strings, booleans, null). */
export type Columns = Record<string, unknown[]>;

export function toColumns(table: Table): Columns {
  const out: Columns = {};
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name)!;
    const values: unknown[] = new Array(vector.length);
    for (let i = 0; i < vector.length; i++) {
      const v = vector.get(i);
      values[i] = typeof v === 'bigint' ? Number(v) : v;
    }
    out[field.name] = values;
  }
  return out;
}

const strip = (sql: string) => sql.replace(/;\s*$/, '');

export async function buildEtaFeatures(engine: Engine, sql: FeatureSql): Promise<void> {
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${ML_SCHEMA}; CREATE OR REPLACE TABLE ${ML_SCHEMA}.eta_features AS ${strip(sql.eta)}`);
}

/** Cutoffs as epoch milliseconds (UTC midnight), each with the label horizon in days. */
export async function buildChurnFeatures(
  engine: Engine,
  sql: FeatureSql,
  cutoffs: readonly number[],
  horizonDays: number,
): Promise<void> {
  const values = cutoffs.map((c) => `(TIMESTAMP '${new Date(c).toISOString().slice(0, 19).replace('T', ' ')}', ${Math.round(horizonDays)})`);
  await engine.exec(
    `CREATE SCHEMA IF NOT EXISTS ${ML_SCHEMA};
     CREATE OR REPLACE TABLE ${ML_SCHEMA}.churn_cutoffs (cutoff TIMESTAMP, horizon_days INTEGER);
     INSERT INTO ${ML_SCHEMA}.churn_cutoffs VALUES ${values.join(', ')};
     CREATE OR REPLACE TABLE ${ML_SCHEMA}.churn_features AS ${strip(sql.churn)}`,
  );
}

/** The first and last purchase in gold.order_facts (epoch ms), which the splits start from. */
export async function purchaseRange(engine: Engine): Promise<{ first: number; last: number }> {
  const t = await engine.query(`SELECT min(purchased_at) AS first, max(purchased_at) AS last FROM gold.order_facts`);
  const c = toColumns(t);
  return { first: Number(c.first![0]), last: Number(c.last![0]) };
}
