import type { Engine } from '../../engine/interface';
import { currentBatch as lastLoadedBatch } from '../batches/batches';
import { VERSIONS_SCHEMA, type VersionKind } from './versionSchema';

/**
 * The batch a version belongs to: the lakehouse's last loaded batch (`meta.batches`,
 * src/lakehouse/batches). A lakehouse with no batch recorded (one built before batches, or
 * tables made by hand) counts its own: a load and its run is the next batch, a re-run or a
 * rollback belongs to the batch before it.
 */
export async function currentBatch(engine: Engine, kind: VersionKind): Promise<number> {
  const loaded = await lastLoadedBatch(engine);
  if (loaded > 0) return loaded;
  const r = await engine.query(`SELECT coalesce(max(batch), 0)::INTEGER AS b FROM ${VERSIONS_SCHEMA}.commits`);
  const last = Number(r.toArray()[0]!.b);
  return kind === 'batch' ? last + 1 : Math.max(last, 1);
}
