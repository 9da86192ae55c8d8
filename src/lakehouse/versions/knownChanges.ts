import { columnTypes } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { quoteLiteral } from '../../engine/sql';
import { BUILDS_TABLE } from '../../pipeline/incremental/buildRecords';
import { MERGED_KEYS_TABLE } from '../../pipeline/incremental/mergedKeys';
import { VERSIONS_SCHEMA } from './versionSchema';

/**
 * What a commit after an incremental run knows without reading the tables (issue #15: a
 * batch's commit must not fingerprint and diff the whole lakehouse). It rests on the
 * build records of src/pipeline/incremental and on `versions.committed_builds`, the build
 * of each model whose tables the last commit logged:
 * - a model whose build is still the one the last commit saw wrote nothing since: its
 *   tables (silver and duplicates, or gold) are as logged;
 * - a silver model merged on top of that build (or a gold model rebuilt by key) changed
 *   only the keys the merge recorded (meta.merged_keys): diff those;
 * - bronze only appends: its rows of batches after the last commit's are the new ones
 *   (commitKnown.ts checks that the others still count as logged).
 * Anything that writes tables outside a run forgets every build record (a console write, a
 * rollback), and then no build matches: this returns undefined and the commit reads every
 * table, as a commit without a run does. Quarantine tables (a load writes them too) are
 * always read.
 */
export interface KnownChanges {
  /** Tables as the last version logged them: neither fingerprinted nor diffed. */
  unchanged: Set<string>;
  /** Bronze tables: only rows of batches after this one can be new. */
  appendedAfter: number;
  /** Tables whose rows changed only under these keys: a SELECT of their `key_hash`. */
  mergedKeys: Map<string, string>;
  /**
   * Tables a model wrote since the last commit other than by key (built whole; and the
   * duplicates of a silver model merged since): nearly always changed, so they are hashed
   * once for the fingerprint, the key check and the diff together (commitTable.ts), not
   * fingerprinted first.
   */
  rebuilt: Set<string>;
}

const COMMITTED_BUILDS = `${VERSIONS_SCHEMA}.committed_builds`;

async function has(engine: Engine, schema: string, table: string): Promise<boolean> {
  return (await columnTypes(engine, schema, table)).size > 0;
}

async function pairs(engine: Engine, sql: string): Promise<Map<string, string>> {
  return new Map((await engine.query(sql)).toArray().map((r) => [String(r.model), String(r.build)]));
}

export async function knownChanges(engine: Engine): Promise<KnownChanges | undefined> {
  if (!(await has(engine, VERSIONS_SCHEMA, 'committed_builds')) || !(await has(engine, 'meta', 'model_builds'))) return undefined;
  const committed = await pairs(engine, `SELECT model, build FROM ${COMMITTED_BUILDS}`);
  const builds = await pairs(engine, `SELECT model, build FROM ${BUILDS_TABLE}`);
  const mergedFrom = (await has(engine, 'meta', 'merged_keys')) ? await pairs(engine, `SELECT DISTINCT model, from_build AS build FROM ${MERGED_KEYS_TABLE}`) : new Map<string, string>();
  const unchanged = new Set<string>();
  const mergedKeys = new Map<string, string>();
  const rebuilt = new Set<string>();
  for (const [model, build] of builds) {
    const [layer, name] = model.split('.') as [string, string];
    const was = committed.get(model);
    if (was === undefined) continue;
    if (build === was) {
      unchanged.add(model);
      if (layer === 'silver') unchanged.add(`duplicates.${name}`);
      continue;
    }
    if (mergedFrom.get(model) === was) mergedKeys.set(model, `SELECT key_hash FROM ${MERGED_KEYS_TABLE} WHERE model = ${quoteLiteral(model)}`);
    else rebuilt.add(model);
    if (layer === 'silver') rebuilt.add(`duplicates.${name}`);
  }
  // No build survived since the last commit: something forgot them all, trust nothing.
  if (unchanged.size === 0 && mergedKeys.size === 0) return undefined;
  const last = await engine.query(`SELECT coalesce(max(batch), 0)::INTEGER AS b FROM ${VERSIONS_SCHEMA}.commits`);
  return { unchanged, appendedAfter: Number(last.toArray()[0]!.b), mergedKeys, rebuilt };
}

/** After a commit: the builds whose tables it logged as they are (what the next commit's knownChanges compares with). */
export async function rememberCommittedBuilds(engine: Engine): Promise<void> {
  const source = (await has(engine, 'meta', 'model_builds')) ? `SELECT model, build FROM ${BUILDS_TABLE}` : `SELECT NULL::VARCHAR AS model, NULL::VARCHAR AS build WHERE false`;
  await engine.exec(`CREATE OR REPLACE TABLE ${COMMITTED_BUILDS} AS ${source}`);
}
