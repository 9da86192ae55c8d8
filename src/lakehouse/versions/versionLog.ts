import type { Engine } from '../../engine/interface';
import { quoteLiteral } from '../../engine/sql';
import type { TableChange } from './commitVersion';
import { hasVersions, VERSIONS_SCHEMA, type VersionKind } from './versionSchema';

/** One lakehouse version as the history view lists it. */
export interface VersionEntry {
  version: number;
  committedAt: string;
  batch: number;
  kind: VersionKind;
  restoredFrom?: number;
  /** Older than the oldest version a vacuum kept: listed, but no longer readable. */
  vacuumed: boolean;
  tables: TableChange[];
}

/** The lakehouse's versions, newest first, each with the tables it changed (or only those of `table`, `layer.name`). */
export async function listVersions(engine: Engine, table?: string): Promise<VersionEntry[]> {
  if (!(await hasVersions(engine))) return [];
  const only = table === undefined ? '' : `WHERE ch.layer || '.' || ch.name = ${quoteLiteral(table)}`;
  const r = await engine.query(
    `SELECT c.version, strftime(c.committed_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS at, c.batch, c.kind, c.restored_from,
            c.version < (SELECT coalesce(max(oldest), 0) FROM ${VERSIONS_SCHEMA}.vacuumed) AS vacuumed,
            list({'layer': ch.layer, 'name': ch.name, 'rows': ch.rows, 'present': ch.present, 'added': ch.added, 'updated': ch.updated, 'deleted': ch.deleted}
                 ORDER BY ch.layer, ch.name) FILTER (WHERE ch.name IS NOT NULL) AS tables
     FROM ${VERSIONS_SCHEMA}.commits c LEFT JOIN (SELECT * FROM ${VERSIONS_SCHEMA}.changes ch ${only}) ch USING (version)
     GROUP BY ALL ORDER BY c.version DESC`,
  );
  const entries = r.toArray().map((row): VersionEntry => ({
    version: Number(row.version),
    committedAt: String(row.at),
    batch: Number(row.batch),
    kind: String(row.kind) as VersionKind,
    restoredFrom: row.restored_from === null ? undefined : Number(row.restored_from),
    vacuumed: Boolean(row.vacuumed),
    tables: [...(row.tables ?? [])].map((t) => {
      const c = t.toJSON();
      return { layer: String(c.layer), name: String(c.name), rows: Number(c.rows), present: Boolean(c.present), added: Number(c.added), updated: Number(c.updated), deleted: Number(c.deleted) };
    }),
  }));
  return table === undefined ? entries : entries.filter((e) => e.tables.length > 0);
}

/** The latest version, 0 when none was committed. */
export async function latestVersion(engine: Engine): Promise<number> {
  if (!(await hasVersions(engine))) return 0;
  const r = await engine.query(`SELECT coalesce(max(version), 0)::INTEGER AS v FROM ${VERSIONS_SCHEMA}.commits`);
  return Number(r.toArray()[0]!.v);
}

/** Throws a clear error unless `version` is a committed, unvacuumed version. */
export async function checkVersion(engine: Engine, version: number): Promise<void> {
  if (!Number.isInteger(version) || version < 1) throw new Error(`A version is a whole number from 1 on, got ${version}.`);
  const latest = await latestVersion(engine);
  if (version > latest) throw new Error(latest === 0 ? 'This lakehouse has no versions yet: a load and its run commit the first.' : `There is no version ${version}: the latest is ${latest}.`);
  const r = await engine.query(`SELECT coalesce(max(oldest), 0)::INTEGER AS o FROM ${VERSIONS_SCHEMA}.vacuumed`);
  const oldest = Number(r.toArray()[0]!.o);
  if (version < oldest) throw new Error(`Version ${version} was vacuumed: the oldest version kept is ${oldest}.`);
}
