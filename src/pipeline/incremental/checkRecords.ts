import { columnTypes } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { quoteLiteral } from '../../engine/sql';
import { otherTables, type ExpectationCheck, type ExpectationResult } from '../expectations/runExpectation';
import type { Model } from '../model';

/**
 * The results of each model's checks (its expectations, and for silver its row
 * accounting), kept with what they were computed on, so that an incremental run can
 * report them again for a model it left unchanged instead of counting them again (issue
 * #15: a batch's checks cost what the batch can have changed). One row per model in
 * `meta.model_checks`: `model`, `signature` (every table the checks read, each by the
 * build that wrote it) and `results` (JSON). A check reads the same rows exactly when every
 * table it reads was written by the same build, so equal signatures give equal results.
 * Checks that read a table no model writes (bronze but through a silver model's own
 * accounting, quarantine but a silver model's own rows) have no signature: always counted.
 */
export const CHECKS_TABLE = 'meta.model_checks';

/** The model whose build a table's rows come from: silver.orders for its quarantine and duplicates too. */
function writer(table: string): string | undefined {
  const [layer, name] = table.split('.') as [string, string];
  if (layer === 'silver' || layer === 'duplicates') return `silver.${name}`;
  if (layer === 'gold') return table;
  return undefined;
}

/**
 * What the model's checks read, by build: undefined when one of them cannot be told. A
 * silver model's row accounting reads its bronze (which its build id stands for: an
 * unchanged silver model's bronze is as it was at its build) and its own quarantine rows.
 */
export function checkSignature(model: Model, checks: ExpectationCheck[], builds: ReadonlyMap<string, string>): string | undefined {
  const read = new Set<string>([model.id]);
  for (const c of checks) {
    for (const t of otherTables(c.spec)) {
      const w = writer(t);
      if (!w) return undefined;
      read.add(w);
    }
  }
  const signature: string[] = [];
  for (const m of [...read].sort()) {
    const build = builds.get(m);
    if (!build) return undefined;
    signature.push(`${m}=${build}`);
  }
  return signature.join(' ');
}

export async function readChecks(engine: Engine): Promise<Map<string, { signature: string; results: ExpectationResult[] }>> {
  if ((await columnTypes(engine, 'meta', 'model_checks')).size === 0) return new Map();
  const t = await engine.query(`SELECT model, signature, results FROM ${CHECKS_TABLE}`);
  return new Map(t.toArray().map((r) => [String(r.model), { signature: String(r.signature), results: JSON.parse(String(r.results)) as ExpectationResult[] }]));
}

/** Keeps the results of this run's checks (each model's replacing its last). */
export async function keepChecks(engine: Engine, kept: Array<{ model: string; signature: string; results: ExpectationResult[] }>): Promise<void> {
  if (kept.length === 0) return;
  const rows = kept.map((k) => `(${quoteLiteral(k.model)}, ${quoteLiteral(k.signature)}, ${quoteLiteral(JSON.stringify(k.results))})`);
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS meta; CREATE TABLE IF NOT EXISTS ${CHECKS_TABLE} (model VARCHAR, signature VARCHAR, results VARCHAR);
    DELETE FROM ${CHECKS_TABLE} WHERE model IN (${kept.map((k) => quoteLiteral(k.model)).join(', ')});
    INSERT INTO ${CHECKS_TABLE} VALUES ${rows.join(', ')}`);
}
