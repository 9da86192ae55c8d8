import type { Engine } from '../../engine/interface';
import { qualified } from '../../engine/sql';
import { forgetAllBuilds } from '../../pipeline/incremental/buildRecords';
import { ensureLayerSchemas } from '../../pipeline/layers';
import { commitVersion, type CommittedVersion } from './commitVersion';
import { asOfSql } from './readAsOf';
import { loggedStates } from './tableState';
import { checkVersion } from './versionLog';

/**
 * Restores every versioned table as it was at `version` (tables made since are dropped,
 * tables dropped since come back) and commits that as a new version, like Delta Lake's
 * RESTORE: the versions in between stay in the history and can be restored in turn.
 * Only tables changed since `version` are rewritten.
 */
export async function rollbackTo(engine: Engine, version: number, keys?: ReadonlyMap<string, string[]>): Promise<CommittedVersion> {
  await checkVersion(engine, version);
  await ensureLayerSchemas(engine);
  const then = await loggedStates(engine, version);
  const now = await loggedStates(engine);
  const work: string[] = [];
  for (const [id, latest] of now) {
    if (latest.version <= version) continue; // unchanged since
    const was = then.get(id);
    const table = qualified(latest.layer, latest.name);
    if (was?.present) work.push(`CREATE OR REPLACE TABLE ${table} AS ${asOfSql(was.layer, was.name, was.columns, version)}`);
    else work.push(`DROP TABLE IF EXISTS ${table}`);
  }
  if (work.length) await engine.exec(work.join(';\n'));
  // The restored tables are not what the models were last built into: the next run builds them whole.
  await forgetAllBuilds(engine);
  return commitVersion(engine, { kind: 'rollback', keys, restoredFrom: version });
}
