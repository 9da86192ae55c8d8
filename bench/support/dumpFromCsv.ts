import { parseCsv } from '../../src/demo/testing/parseCsv';

/**
 * Writes CSV files as one mysqldump-style dump (CREATE TABLE with inferred types,
 * extended INSERTs of about `statementBytes` each, MySQL string escapes), so the dump
 * reader can be timed against read_csv on exactly the same rows. Benchmark data only:
 * the dump reader's correctness is tested on real mariadb-dump output (fixtures/mysql).
 */
export function dumpFromCsv(files: { table: string; text: string }[], statementBytes = 1 << 20): string {
  const out: string[] = ['/*!40101 SET NAMES utf8mb4 */;\n'];
  for (const { table, text } of files) {
    const [headerFields, ...rows] = parseCsv(text);
    const header = headerFields!.map((f) => f.value);
    const types = header.map((_, c) => inferType(rows.map((r) => r[c]?.value ?? '')));
    out.push(`DROP TABLE IF EXISTS \`${table}\`;\nCREATE TABLE \`${table}\` (\n${header.map((h, c) => `  \`${h}\` ${types[c]} DEFAULT NULL`).join(',\n')}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n`);
    out.push(`LOCK TABLES \`${table}\` WRITE;\n`);
    let statement = '';
    for (const row of rows) {
      const tuple = `(${row.map((f, c) => literal(f.value, f.quoted, types[c]!)).join(',')})`;
      if (statement && statement.length + tuple.length > statementBytes) {
        out.push(`${statement};\n`);
        statement = '';
      }
      statement = statement ? `${statement},${tuple}` : `INSERT INTO \`${table}\` VALUES ${tuple}`;
    }
    if (statement) out.push(`${statement};\n`);
    out.push('UNLOCK TABLES;\n');
  }
  return out.join('');
}

function inferType(values: string[]): string {
  const present = values.filter((v) => v !== '');
  if (present.length && present.every((v) => /^-?\d{1,9}$/.test(v))) return 'int(11)';
  if (present.length && present.every((v) => /^-?\d+\.\d{1,2}$|^-?\d+$/.test(v))) return 'decimal(12,2)';
  if (present.length && present.every((v) => /^-?\d+(\.\d+)?$/.test(v))) return 'double';
  if (present.length && present.every((v) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(v))) return 'datetime';
  return 'text';
}

/** As read_csv reads the CSV: an empty unquoted field is NULL, a quoted "" is ''. */
function literal(value: string, quoted: boolean, type: string): string {
  if (value === '' && (!quoted || type !== 'text')) return 'NULL';
  if (type !== 'text' && type !== 'datetime') return value;
  return `'${value.replace(/[\\'\n\r\0\x1a]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\0': '\\0', '\x1a': '\\Z' })[c]!)}'`;
}
