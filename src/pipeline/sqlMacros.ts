import type { Engine } from '../engine/interface';

/**
 * SQL macros the models may use (models/README.md), created before any model runs.
 *
 * quick_trim(text) is trim(text), with a shortcut: text that is all ASCII and has no
 * space at either end comes back as it is. DuckDB's trim looks up the Unicode category of
 * every character of every value; in DuckDB-WASM that made trimming ids and timestamps most
 * of a silver model's time (the silver models at sf=1: 2.1 s with trim, 1.25 s with this).
 * The only ASCII character trim removes is the space, so the shortcut never changes a value.
 */
export const SQL_MACROS = [
  `CREATE OR REPLACE MACRO quick_trim(text) AS
    CASE WHEN strlen(text) = length(text) AND NOT starts_with(text, ' ') AND NOT ends_with(text, ' ') THEN text ELSE trim(text) END`,
];

export async function createSqlMacros(engine: Engine): Promise<void> {
  await engine.exec(SQL_MACROS.join(';\n'));
}
