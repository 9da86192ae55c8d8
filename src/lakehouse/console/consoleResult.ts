/**
 * Where the SQL console keeps its last result: a table of its own schema, so that the
 * grid pages through it like any other table and a large result never crosses to the
 * page whole. Outside the layers, so it is not listed among the lakehouse's tables.
 */
export const CONSOLE_SCHEMA = 'console';
export const CONSOLE_RESULT = 'result';
