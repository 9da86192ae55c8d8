import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InsertParseError, isInsertStatement, parseInsert, type Value } from './insertValues.ts';
import { splitStatements } from './statementSplitter.ts';

const enc = new TextEncoder();
const num = (text: string) => ({ kind: 'number', text });
const hex = (...b: number[]) => ({ kind: 'hex', bytes: new Uint8Array(b) });
const bytes = (...b: number[]) => ({ kind: 'bytes', bytes: new Uint8Array(b) });

function parseError(stmt: string): InsertParseError {
  try {
    parseInsert(stmt);
  } catch (e) {
    if (e instanceof InsertParseError) return e;
    throw e;
  }
  throw new Error(`parsed: ${stmt}`);
}

describe('parseInsert', () => {
  it('parses an extended INSERT with a column list', () => {
    expect(parseInsert("INSERT INTO `t` (`a`,`b`) VALUES (1,'x'),\n(2,NULL)")).toEqual({
      verb: 'INSERT',
      ignore: false,
      table: 't',
      columns: ['a', 'b'],
      rows: [
        [num('1'), 'x'],
        [num('2'), null],
      ],
    });
  });

  it('parses INSERT IGNORE, REPLACE, qualified and ANSI double-quoted identifiers', () => {
    expect(parseInsert('insert ignore into `t` values (1)')).toMatchObject({ verb: 'INSERT', ignore: true, table: 't' });
    expect(parseInsert('REPLACE INTO `db`.`t``x` VALUES (1)')).toMatchObject({ verb: 'REPLACE', database: 'db', table: 't`x' });
    expect(parseInsert('INSERT INTO "my ""t""" ("a b","c") VALUES (\'v\')')).toMatchObject({
      table: 'my "t"',
      columns: ['a b', 'c'],
      rows: [['v']],
    });
    expect(parseInsert('INSERT INTO plain_t VALUES ()').rows).toEqual([[]]);
  });

  it('decodes every MySQL string escape exactly', () => {
    const r = parseInsert(String.raw`INSERT INTO t VALUES ('\0|\'|\"|\b|\n|\r|\t|\Z|\\|\%|\_|\x|''|"', "a""b\"c")`);
    expect(r.rows[0]).toEqual(['\0|\'|"|\b|\n|\r|\t|\x1a|\\|\\%|\\_|x|\'|"', 'a"b"c']);
  });

  it('keeps numbers as their exact text', () => {
    const r = parseInsert(
      'INSERT INTO t VALUES (0,-1,18446744073709551615,-9223372036854775808,3.14159265358979323846,-0.0,1e-300,-1.7976931348623157e308,6.02E+23,.5,+7)',
    );
    expect(r.rows[0]).toEqual(
      ['0', '-1', '18446744073709551615', '-9223372036854775808', '3.14159265358979323846', '-0.0', '1e-300',
        '-1.7976931348623157e308', '6.02E+23', '.5', '+7'].map(num),
    );
  });

  it('parses hex, bit and introduced literals', () => {
    const r = parseInsert(
      "INSERT INTO t VALUES (X'0A1b',x'',0x0A1B,0xABC,b'0101',B'',0b11,_binary 'a\\0\\'b',_utf8mb4'caf\\é',_binary 0xFF00,_latin1 X'41',_utf8mb4 'x' COLLATE utf8mb4_bin)",
    );
    expect(r.rows[0]).toEqual([
      hex(0x0a, 0x1b),
      hex(),
      hex(0x0a, 0x1b),
      hex(0x0a, 0xbc),
      { kind: 'bits', text: '0101' },
      { kind: 'bits', text: '' },
      { kind: 'bits', text: '11' },
      bytes(0x61, 0, 0x27, 0x62),
      'café',
      hex(0xff, 0),
      hex(0x41),
      'x',
    ]);
  });

  it('keeps raw non-UTF-8 bytes (BLOBs without --hex-blob) as bytes, exactly', () => {
    const blob = [0x00, 0xff, 0x80, 0xc3, 0x28, 0x5c, 0x27, 0x0a];
    // How mysqldump writes those bytes: NUL, backslash, quote and newline escaped, the rest raw.
    const dumped = [0x5c, 0x30, 0xff, 0x80, 0xc3, 0x28, 0x5c, 0x5c, 0x5c, 0x27, 0x5c, 0x6e];
    const stmt = new Uint8Array([...enc.encode("INSERT INTO b VALUES ('"), ...dumped, ...enc.encode("','ok é')")]);
    expect(parseInsert(stmt).rows).toEqual([[bytes(...blob), 'ok é']]);
  });

  it('round-trips escapes and multi-byte text through splitter and parser', () => {
    const values = ["it's", 'back\\slash', 'tab\there', 'crlf\r\n', 'nul\0', 'emoji 😀 中文', 'ctrl-z\x1a', '"dq"', ''];
    const esc = (s: string) =>
      s.replace(/[\\'"\0\n\r\x1a\t]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '"': '\\"', '\0': '\\0', '\n': '\\n', '\r': '\\r', '\x1a': '\\Z', '\t': '\\t' })[c]!);
    const sql = `INSERT INTO \`t\` VALUES ${values.map((v, i) => `(${i},'${esc(v)}')`).join(',')};\nSELECT 1;`;
    const input = enc.encode(sql);
    for (let size = 1; size <= 17; size++) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < input.length; i += size) chunks.push(input.slice(i, i + size));
      const r = splitStatements(chunks);
      expect(r.statements).toHaveLength(2);
      expect(parseInsert(r.statements[0]!.bytes).rows.map((row) => row[1])).toEqual(values);
    }
  });

  it('names the character offset and what was expected in errors', () => {
    let e = parseError("INSERT INTO t VALUES (1,'é',oops)");
    expect(e.offset).toBe(28);
    expect(e.byteOffset).toBe(29);
    expect(e.message).toBe('at character 28: expected a value (string, number, NULL, hex or bit literal), found "oops)"');
    e = parseError("INSERT INTO t VALUES (1,'abc");
    expect(e.offset).toBe(24);
    expect(e.expected).toContain("closing '");
    e = parseError('INSERT INTO t VALUES (1) (2)');
    expect([e.offset, e.expected]).toEqual([25, '"," or the end of the statement after a row']);
    e = parseError('INSERT INTO t VALUES (1 2)');
    expect([e.offset, e.expected]).toEqual([24, '"," or ")" after a value']);
    e = parseError('UPDATE t SET a=1');
    expect([e.offset, e.expected, e.message]).toEqual([0, 'INSERT or REPLACE', 'at character 0: expected INSERT or REPLACE, found "UPDATE t SET a=1"']);
    expect(parseError('INSERT INTO t SELECT 1').expected).toBe('VALUES');
    expect(parseError("INSERT INTO t VALUES (X'ABC')").expected).toContain('even number');
    expect(parseError('INSERT INTO t VALUES (12ab)').offset).toBe(24);
    expect(parseError('INSERT INTO t VALUES (1e)').expected).toBe('a digit in the exponent');
    expect(parseError('INSERT INTO t VALUES (-)').expected).toBe('a digit');
    expect(parseError('INSERT INTO t VALUES (1),').offset).toBe(25);
  });

  it('recognises INSERT and REPLACE statements cheaply', () => {
    expect(['INSERT INTO t', ' replace into t', 'INSERTX', '/*!40000 ALTER TABLE */'].map(isInsertStatement)).toEqual([true, true, false, false]);
  });
});

// Cross-checks on the real mariadb-dump fixtures (when present): every variant gives the same
// edge_cases values as the default dump, and the default dump's values are the server's.
const dir = fileURLToPath(new URL('../../../fixtures/mysql', import.meta.url));
// compatible-ansi.sql is dumped with --default-character-set=utf8mb4: without it the ANSI
// dump has no SET NAMES and is written as latin1 (emoji become '?').
const variants = ['default', 'hex-blob', 'skip-extended-insert', 'complete-insert', 'net-buffer-length', 'replace', 'insert-ignore', 'compact', 'no-create-info', 'routines-triggers', 'compatible-ansi'];

function edgeRows(file: string): Value[][] {
  const r = splitStatements([new Uint8Array(readFileSync(`${dir}/${file}.sql`))]);
  expect(r.error).toBeUndefined();
  return r.statements
    .filter((s) => isInsertStatement(s.text))
    .map((s) => parseInsert(s.bytes))
    .filter((p) => p.table === 'edge_cases')
    .flatMap((p) => p.rows);
}

/** Strings, hex and raw bytes all as hex bytes, so `--hex-blob` and raw output compare. */
function canonical(v: Value): unknown {
  if (v === null) return null;
  if (typeof v === 'string') return `b:${Buffer.from(v, 'utf8').toString('hex')}`;
  if (v.kind === 'number' || v.kind === 'bits') return `${v.kind}:${v.text}`;
  return `b:${Buffer.from(v.bytes).toString('hex')}`;
}

describe('edge_cases values in the real dumps', () => {
  it('match what was inserted', () => {
    const rows = edgeRows('default');
    expect(rows).toHaveLength(6);
    const all = new Uint8Array(256).map((_, i) => i);
    expect(rows[1]![21]).toEqual({ kind: 'bytes', bytes: all });
    expect(rows[1]![5]).toEqual(num('18446744073709551615'));
    expect(rows[1]![16]).toBe("it's");
    expect(rows[3]!.slice(15, 18)).toEqual(['NULL', 'C:\\path\\to\\file', 'line1\nline2\r\nline3\ttab\\end']);
    // UNHEX('00270A0D5C221A') is valid UTF-8, so without _binary it comes out as text; the
    // caller turns it back into the same bytes when the column is a BLOB.
    expect(rows[3]![21]).toBe('\0\'\n\r\\"\x1a');
    expect(rows[4]!.slice(15, 18)).toEqual(['a"b', 'NUL:\0:Z:\x1a:quote:"":end', 'emoji 😀 café São Paulo ñ ü 中文']);
    expect(rows[2]![1]).toBeNull();
  });

  it.each(variants.slice(1))('are the same in %s', (variant) => {
    expect(edgeRows(variant).map((r) => r.map(canonical))).toEqual(edgeRows('default').map((r) => r.map(canonical)));
  });
});
