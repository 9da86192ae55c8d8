import type { StoredTable } from './storedManifest';

const key = (t: { layer: string; name: string }) => `${t.layer}.${t.name}`;

/**
 * How the tables found in the database file differ from those its checkpoint marker
 * lists (names, rows, column names and types), in words; undefined when they are the same.
 */
export function tablesDiffer(found: StoredTable[], stored: StoredTable[]): string | undefined {
  const byKey = new Map(found.map((t) => [key(t), t]));
  for (const s of stored) {
    const f = byKey.get(key(s));
    if (!f) return `${key(s)} is missing from its database file`;
    if (f.rows !== s.rows) return `${key(s)} has ${f.rows} rows where ${s.rows} were checkpointed`;
    if (JSON.stringify(f.columns) !== JSON.stringify(s.columns)) return `the columns of ${key(s)} differ from those checkpointed`;
    byKey.delete(key(s));
  }
  const extra = [...byKey.keys()];
  return extra.length ? `its database file holds ${extra.join(', ')}, which the checkpoint did not list` : undefined;
}
