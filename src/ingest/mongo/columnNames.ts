/** The bronze columns every row gets; a field with one of these names is renamed. */
export const METADATA_COLUMNS = ['_source', '_source_kind', '_row', '_loaded_at'] as const;

/**
 * Bronze column names for top-level field names, in order. Names are kept as written
 * (dots, a leading `$`, spaces: identifiers are always quoted), except where DuckDB
 * cannot hold them: an empty name becomes `column_<n>`, and a name that repeats another
 * one regardless of case (DuckDB identifiers are case-insensitive) or a metadata column
 * gets a suffix `_2`, `_3`, …
 */
export function columnNames(fields: readonly string[]): string[] {
  const taken = new Set<string>(METADATA_COLUMNS);
  return fields.map((field, i) => {
    const base = field === '' ? `column_${i + 1}` : field;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}
