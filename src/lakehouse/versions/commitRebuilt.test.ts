import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { commitVersion, type CommittedVersion } from './commitVersion';

/*
 * A table a run rebuilt whole is hashed once in the commit (commitTable.ts's commitRebuilt):
 * on small hand-made gold tables with build records, on both engines, it logs what diffing
 * the whole table logs — a declared key that is not unique (two rows of key 1) falls back to
 * the whole row, a rebuild that changed nothing logs nothing — and the history rows are the
 * same: each version is committed from the run and, history put back, by the whole path.
 */
const keys = new Map([['gold.g', ['k']], ['gold.d', ['k']]]);
const at = new Date(Date.UTC(2024, 0, 1));

async function all(engine: Engine, sql: string): Promise<string[]> {
  return (await engine.query(sql)).toArray().map((r) => JSON.stringify(r.toJSON(), (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
}

/** Every versions.* table's rows, sorted (the commits without their time). */
async function history(engine: Engine, schema: string): Promise<string[]> {
  const out: string[] = [];
  for (const t of (await engine.query(`SELECT table_name AS t FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = '${schema}' ORDER BY t`)).toArray()) {
    const name = String(t.t);
    out.push(name, ...(await all(engine, `SELECT COLUMNS(*)::VARCHAR FROM ${schema}."${name}" ${name === 'commits' ? 'EXCLUDE (committed_at)' : ''} ORDER BY ALL`)));
  }
  return out;
}

async function copySchema(engine: Engine, from: string, to: string): Promise<void> {
  const tables = (await engine.query(`SELECT table_name AS t FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = '${from}'`)).toArray().map((r) => String(r.t));
  await engine.exec([`DROP SCHEMA IF EXISTS ${to} CASCADE`, `CREATE SCHEMA ${to}`, ...tables.map((t) => `CREATE TABLE ${to}."${t}" AS FROM ${from}."${t}"`)].join('; '));
}

/** The tables as a run with build `build` of both models left them (gold.u's model kept its build: a commit trusts the run's records only when one did). */
async function rebuild(engine: Engine, build: string, g: string, d: string): Promise<void> {
  await engine.exec(`CREATE OR REPLACE TABLE gold.g AS SELECT * FROM (VALUES ${g}) v(k, v);
    CREATE OR REPLACE TABLE gold.d AS SELECT * FROM (VALUES ${d}) v(k, v);
    DELETE FROM meta.model_builds; INSERT INTO meta.model_builds (model, build) VALUES ('gold.g', '${build}'), ('gold.d', '${build}'), ('gold.u', 'u1')`);
}

describe.each(testEngines)('a commit of tables rebuilt whole (%s)', (_name, open) => {
  let engine: Engine;
  const commits: Array<{ known: CommittedVersion; whole: CommittedVersion; same: boolean }> = [];
  beforeAll(async () => {
    engine = await open();
    await engine.exec(`CREATE SCHEMA gold; CREATE SCHEMA meta; CREATE TABLE gold.u AS SELECT 1 AS k;
      CREATE TABLE meta.model_builds (model VARCHAR, build VARCHAR, sql VARCHAR, inputs VARCHAR, rows BIGINT, bronze_rows BIGINT, batch INTEGER)`);
    const builds: Array<[string, string, string]> = [
      ['b1', `(1, 'a'), (2, 'b')`, `(1, 'x'), (1, 'y')`],
      ['b2', `(1, 'a'), (2, 'B'), (3, 'c')`, `(1, 'x'), (1, 'z'), (2, 'w')`],
      // Rebuilt, nothing changed in gold.g; gold.d's key is unique again.
      ['b3', `(1, 'a'), (2, 'B'), (3, 'c')`, `(1, 'x'), (2, 'w')`],
    ];
    for (const [build, g, d] of builds) {
      await rebuild(engine, build, g, d);
      await copySchema(engine, 'versions', 'before_commit').catch(() => undefined);
      const known = await commitVersion(engine, { kind: 'batch', keys, at, afterRun: true });
      await copySchema(engine, 'versions', 'from_run');
      if (build !== 'b1') await copySchema(engine, 'before_commit', 'versions');
      const whole = build === 'b1' ? known : await commitVersion(engine, { kind: 'batch', keys, at });
      commits.push({ known, whole, same: JSON.stringify(await history(engine, 'from_run')) === JSON.stringify(await history(engine, 'versions')) });
    }
  }, 60_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('logs what diffing the whole table logs, key fallback and unchanged rebuilds included', async () => {
    expect(commits.map((c) => c.same)).toEqual([true, true, true]);
    const counts = (c: CommittedVersion) => c.tables.map((t) => `${t.layer}.${t.name} +${t.added} ~${t.updated} -${t.deleted} =${t.rows}`);
    expect(commits.slice(1).map((c) => counts(c.known))).toEqual(commits.slice(1).map((c) => counts(c.whole)));
    // The first commit knows no earlier builds; the next ones hash both tables once.
    expect(commits.map((c) => c.known.rebuilt)).toEqual([[], ['gold.d', 'gold.g'], ['gold.d', 'gold.g']]);
    expect(counts(commits[1]!.known)).toEqual(['gold.d +2 ~0 -1 =3', 'gold.g +1 ~1 -0 =3']);
    // gold.g rebuilt as it was: nothing logged for it. gold.d is identified by its key again
    // (not by whole row): its rows are closed and opened anew, as the whole path does.
    expect(counts(commits[2]!.known)).toEqual(['gold.d +2 ~0 -3 =2']);
    // Key 1 twice: gold.d was diffed by whole row (no key) until its key was unique again.
    expect(await all(engine, `SELECT version, key FROM versions.changes WHERE name = 'd' ORDER BY version`)).toEqual([
      JSON.stringify({ version: 1, key: '[]' }),
      JSON.stringify({ version: 2, key: '[]' }),
      JSON.stringify({ version: 3, key: '["k"]' }),
    ]);
  });
});
