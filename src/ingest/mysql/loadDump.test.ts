import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { loadFiles, type IngestReport } from '../loadFiles';

/**
 * The real mariadb-dump fixtures (fixtures/mysql/README.md has the counts and the exact
 * values the server returned) through the whole ingest path into bronze.
 */
const FIXTURES = join(import.meta.dirname, '../../../fixtures/mysql');
const read = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

const OLIST_COUNTS = {
  customers: 40,
  orders: 40,
  order_items: 45,
  order_payments: 43,
  order_reviews: 40,
  products: 22,
  sellers: 3,
  category_translation: 71,
};

/** Every variant holds the same data; each must give the same bronze as default.sql. */
const VARIANTS = [
  'skip-extended-insert.sql',
  'complete-insert.sql',
  'hex-blob.sql',
  'compact.sql',
  'compatible-ansi.sql',
  'net-buffer-length.sql',
  'insert-ignore.sql',
  'replace.sql',
  'routines-triggers.sql',
  'default.sql.gz',
  'xml.xml',
];

/** edge_cases as DuckDB prints each value: the server's values (README), typed. */
const AS_TEXT = ['c_tinyint', 'c_smallint', 'c_int', 'c_bigint', 'c_ubigint', 'c_decimal', 'c_float', 'c_date', 'c_datetime6',
  'c_timestamp', 'c_time', 'c_year', 'c_zero_datetime', 'c_bit', 'c_int_doubled', 'c_varchar_len'];
const EDGE_TEXT = `SELECT id, c_double, ${AS_TEXT.map((c) => `${c}::VARCHAR AS ${c}`).join(', ')},
  hex(encode(c_char)) AS c_char, hex(encode(c_varchar)) AS c_varchar, hex(encode(c_text)) AS c_text,
  c_enum, c_set, c_json, hex(c_blob) AS c_blob, md5(c_blob) AS blob_md5
  FROM bronze.edge_cases ORDER BY id`;

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex').toUpperCase();

describe.each(testEngines)('MySQL dump ingest on the %s engine', (kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(async () => {
    await engine?.close();
  });
  beforeEach(async () => {
    await engine.exec('DROP SCHEMA IF EXISTS bronze CASCADE; DROP SCHEMA IF EXISTS quarantine CASCADE');
  });

  const rows = async (sql: string) => (await engine.query(sql)).toArray().map((r) => r.toJSON());
  const load = (path: string, bytes: Uint8Array): Promise<IngestReport> => loadFiles(engine, [{ path, bytes }]);

  it('loads default.sql: every table with its row count, recognised as Olist sources, with declared types', async () => {
    const report = await load('shop/default.sql', read('default.sql'));
    expect(report.errors).toEqual([]);
    const bySource = Object.fromEntries(report.sources.map((s) => [s.source, s]));
    for (const [source, count] of Object.entries(OLIST_COUNTS)) {
      expect(bySource[source], source).toMatchObject({ rows: count, recognised: true, format: 'mysql', quarantined: 0, table: `bronze.${source}` });
    }
    expect(bySource.edge_cases).toMatchObject({ rows: 6, recognised: false });
    expect(report.sources).toHaveLength(9);
    expect(report.notes).toContainEqual({ file: 'shop/default.sql', message: 'view delivered_orders skipped: a view holds no rows' });
    expect(bySource.edge_cases!.notes).toEqual([
      'edge_cases.c_date: 1 zero date(s) (0000-00-00) loaded as NULL',
      'edge_cases.c_zero_datetime: 3 zero date(s) (0000-00-00) loaded as NULL',
    ]);
    const types = await rows(`SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'bronze' AND table_name = 'order_items' ORDER BY ordinal_position`);
    expect(types.map((t) => `${t.column_name} ${t.data_type}`)).toEqual([
      'order_id VARCHAR', 'order_item_id INTEGER', 'product_id VARCHAR', 'seller_id VARCHAR', 'shipping_limit_date TIMESTAMP',
      'price DECIMAL(10,2)', 'freight_value DECIMAL(10,2)', '_row BIGINT', '_source VARCHAR', '_source_kind VARCHAR', '_loaded_at TIMESTAMP',
    ]);
    // The README's sums, to the cent, and the status and NULL counts the server reported.
    expect(await rows(`SELECT sum(price)::VARCHAR AS price, sum(freight_value)::VARCHAR AS freight FROM bronze.order_items`)).toEqual([{ price: '5339.57', freight: '774.63' }]);
    expect(await rows(`SELECT sum(payment_value)::VARCHAR AS v FROM bronze.order_payments`)).toEqual([{ v: '6597.40' }]);
    expect(await rows(`SELECT count(*) FILTER (WHERE order_status = 'delivered')::INTEGER AS delivered,
        count(*) FILTER (WHERE order_approved_at IS NULL)::INTEGER AS approved_null,
        count(*) FILTER (WHERE order_delivered_carrier_date IS NULL)::INTEGER AS carrier_null,
        count(*) FILTER (WHERE order_delivered_customer_date IS NULL)::INTEGER AS delivered_null FROM bronze.orders`))
      .toEqual([{ delivered: 33, approved_null: 1, carrier_null: 6, delivered_null: 7 }]);
    expect(await rows(`SELECT count(*) FILTER (WHERE review_comment_title IS NULL)::INTEGER AS t, count(*) FILTER (WHERE review_comment_message IS NULL)::INTEGER AS m FROM bronze.order_reviews`))
      .toEqual([{ t: 36, m: 20 }]);
    expect(await rows(`SELECT DISTINCT _source, _source_kind FROM bronze.sellers`)).toEqual([{ _source: 'shop/default.sql:sellers', _source_kind: 'mysql' }]);
    expect(await rows(`SELECT min(_row)::INTEGER AS lo, max(_row)::INTEGER AS hi, count(DISTINCT _row)::INTEGER AS n FROM bronze.orders`)).toEqual([{ lo: 1, hi: 40, n: 40 }]);
  });

  it('keeps every edge value exactly as the server returned it', async () => {
    await load('default.sql', read('default.sql'));
    const edge = await rows(EDGE_TEXT);
    expect(edge.map((r) => [r.id, r.c_tinyint, r.c_smallint, r.c_int, r.c_bigint, r.c_ubigint, r.c_decimal, r.c_float])).toEqual([
      [1, '-128', '-32768', '-2147483648', '-9223372036854775808', '0', '-99999999999999.999999', '-1.5'],
      [2, '127', '32767', '2147483647', '9223372036854775807', '18446744073709551615', '99999999999999.999999', '3.25'],
      [3, null, null, null, null, null, null, null],
      [4, '0', '0', '0', '0', '1', '0.000001', '0.1'],
      [5, '1', '2', '3', '4', '5', '1234.500000', '0.5'],
      [6, '-1', '-1', '-1', '-1', '9223372036854775808', '-0.500000', '0.0'],
    ]);
    expect(edge.map((r) => r.c_double)).toEqual([-1.7976931348623157e308, 1.7976931348623157e308, null, 6.02214076e23, 1e-300, -0.000025]);
    expect(edge.map((r) => [r.c_date, r.c_datetime6, r.c_timestamp, r.c_time, r.c_year, r.c_zero_datetime])).toEqual([
      ['1000-01-01', '1000-01-01 00:00:00', '1970-01-01 00:00:01', '-838:59:59', '1901', null],
      ['9999-12-31', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07', '838:59:59', '2155', '2020-02-29 12:34:56'],
      [null, null, null, null, null, null],
      [null, '2017-10-02 10:56:33.123456', '2017-10-02 10:56:33', '00:00:00', '2000', null],
      ['2018-08-29', '2018-08-29 15:00:37.5', '2018-08-29 15:00:37', '12:34:56', '2018', '2018-08-29 15:00:37'],
      ['2000-02-29', '2000-02-29 00:00:00.000001', '2000-02-29 00:00:00', '-00:00:01', '1970', null],
    ]);
    // SQL NULL, '' and the string 'NULL' stay three different things; bytes are exact.
    expect(edge.map((r) => [r.c_char, r.c_varchar, r.c_text])).toEqual([
      ['', '', ''],
      [hex('abc'), hex("it's"), hex('plain text')],
      [null, null, null],
      ['4E554C4C', '433A5C706174685C746F5C66696C65', '6C696E65310A6C696E65320D0A6C696E6533097461625C656E64'],
      ['612262', '4E554C3A003A5A3A1A3A71756F74653A22223A656E64', '656D6F6A6920F09F988020636166C3A92053C3A36F205061756C6F20C3B120C3BC20E4B8ADE69687'],
      ['2020706164', hex('NULL'), ''],
    ]);
    expect(edge.map((r) => [r.c_enum, r.c_set, r.c_json])).toEqual([
      ['small', '', '{}'],
      ['large', 'red,green,blue', '{"a": [1, 2.5, null, true], "s": "é\\"q"}'],
      [null, null, null],
      ['medium', 'green', '[]'],
      ['small', 'red,blue', '{"k": "v", "n": 12345678901234567890}'],
      ['large', 'blue', 'null'],
    ]);
    expect(edge.map((r) => [r.c_blob === null ? null : String(r.c_blob).length / 2, r.c_bit, r.c_int_doubled, r.c_varchar_len])).toEqual([
      [0, '0', '-4294967296', '0'],
      [256, '255', '4294967294', '4'],
      [null, null, null, null],
      [7, '165', '0', '15'],
      [8, '1', '6', '22'],
      [0, '127', '-2', '4'],
    ]);
    expect(edge[1]!.blob_md5).toBe('e2c865db4162bed963bfaa9ef6ac18f0');
    expect(edge[3]!.c_blob).toBe('00270A0D5C221A');
    expect(edge[4]!.c_blob).toBe('4E554C0062797465');
  });

  // The variants' bytes only meet the shared loader: one engine is enough (declared, not skipped, on the other).
  if (kind === 'wasm') it.each(VARIANTS)('%s gives the same bronze as default.sql', async (variant) => {
    await load('default.sql', read('default.sql'));
    const expected = await bronzeDigest(engine);
    await engine.exec('DROP SCHEMA bronze CASCADE');
    const report = await load(variant, read(variant));
    expect(report.errors).toEqual([]);
    expect(report.sources.map((s) => s.quarantined)).toEqual(report.sources.map(() => 0));
    expect(await bronzeDigest(engine)).toEqual(expected);
  });

  it('streams a dump it is given in pieces, reporting progress as it reads', async () => {
    await load('default.sql', read('default.sql'));
    const expected = await bronzeDigest(engine);
    await engine.exec('DROP SCHEMA bronze CASCADE');
    const bytes = read('default.sql');
    const pieces: number[] = [];
    const stream = {
      size: bytes.length,
      async *chunks() {
        // Odd sizes, so statements, strings and escapes straddle the pieces.
        for (let at = 0; at < bytes.length; at += 4093) yield bytes.slice(at, at + 4093);
      },
    };
    const report = await loadFiles(engine, [{ path: 'default.sql', bytes: new Uint8Array(0), stream }], {
      onProgress: (p) => pieces.push(p.bytesDone),
    });
    expect(report.errors).toEqual([]);
    expect(await bronzeDigest(engine)).toEqual(expected);
    const during = pieces.filter((b) => b > 0 && b < bytes.length);
    expect(during.length).toBeGreaterThan(5);
    expect(during).toEqual([...during].sort((a, b) => a - b));
    expect(pieces.at(-1)).toBe(bytes.length);
  });

  it('loads a zipped dump like the plain one', async () => {
    const zip = zipSync({ 'export/default.sql': read('default.sql') });
    const report = await load('shop-export.zip', zip);
    expect(report.errors).toEqual([]);
    expect(report.sources.find((s) => s.source === 'orders')).toMatchObject({ rows: 40, file: 'shop-export.zip/export/default.sql' });
  });

  it('names tables <db>__<table> when the dump holds several databases (--databases)', async () => {
    const report = await load('databases.sql', read('databases.sql'));
    expect(report.errors).toEqual([]);
    expect(Object.fromEntries(report.sources.map((s) => [s.source, s.rows]))).toEqual({
      ...OLIST_COUNTS,
      olist_shop__edge_cases: 6,
      other_db__notes: 3,
    });
    expect(await rows(`SELECT id::INTEGER AS id, body, created_on::VARCHAR AS created_on, _source FROM bronze.other_db__notes ORDER BY id`)).toEqual([
      { id: 1, body: 'first note', created_on: '2018-01-01', _source: 'databases.sql:other_db.notes' },
      { id: 2, body: 'second; with semicolon', created_on: '2018-01-02', _source: 'databases.sql:other_db.notes' },
      { id: 3, body: "third 'quoted'", created_on: '2018-01-03', _source: 'databases.sql:other_db.notes' },
    ]);
  });

  it('loads a dump without CREATE TABLE (--no-create-info): text columns, raw bytes as BLOB', async () => {
    const report = await load('no-create-info.sql', read('no-create-info.sql'));
    expect(report.errors).toEqual([]);
    // Without column names nothing can be recognised: tables keep their own names.
    expect(Object.fromEntries(report.sources.map((s) => [s.source, s.rows]))).toEqual({
      customers: 40, orders: 40, order_items: 45, order_payments: 43, order_reviews: 40, products: 22, sellers: 3,
      product_category_name_translation: 71, edge_cases: 6,
    });
    expect(report.notes).toContainEqual({ file: 'no-create-info.sql', message: 'table customers: no CREATE TABLE in the dump, so its columns are kept as text' });
    const edge = await rows(`SELECT column_1 AS id, column_7 AS c_decimal, column_15 AS zero_dt, hex(encode(column_17)) AS varchar_hex,
        md5(column_22) AS blob_md5, hex(column_23) AS bit FROM bronze.edge_cases ORDER BY _row`);
    expect(edge.map((r) => r.c_decimal)).toEqual(['-99999999999999.999999', '99999999999999.999999', null, '0.000001', '1234.500000', '-0.500000']);
    expect(edge.map((r) => r.zero_dt)).toEqual(['0000-00-00 00:00:00', '2020-02-29 12:34:56', null, '0000-00-00 00:00:00', '2018-08-29 15:00:37', '0000-00-00 00:00:00']);
    expect(edge[4]!.varchar_hex).toBe('4E554C3A003A5A3A1A3A71756F74653A22223A656E64');
    expect(edge[1]!.blob_md5).toBe('e2c865db4162bed963bfaa9ef6ac18f0');
    expect(edge.map((r) => r.bit)).toEqual(['00', 'FF', null, 'A5', '01', '7F']);
  });

  it('loads the rows before a cut in the middle of an INSERT and quarantines the rest, naming the position', async () => {
    // Found in bytes: the dump holds raw BLOB bytes, so text offsets would not match.
    const full = Buffer.from(read('default.sql'));
    const ordersStart = full.indexOf('INSERT INTO `orders` VALUES');
    const thirdRow = nthIndexOf(full, '\n(', ordersStart, 3) + 1;
    const report = await load('cut.sql', full.subarray(0, thirdRow + 20));
    const orders = report.sources.find((s) => s.source === 'orders')!;
    expect(orders.rows).toBe(2);
    expect(orders.quarantined).toBe(1);
    const line = full.subarray(0, thirdRow).toString('latin1').split('\n').length;
    expect(orders.samples[0]).toMatchObject({ file: 'cut.sql', line, byteOffset: thirdRow, statement: expect.any(Number) });
    expect(orders.samples[0]!.message).toMatch(/the file ends inside this INSERT: rows after row 2/);
    const q = await rows(`SELECT _statement, _line, _byte_offset, _reason, _raw, _stage FROM quarantine.orders`);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ _raw: full.subarray(thirdRow, thirdRow + 20).toString(), _line: BigInt(line), _byte_offset: BigInt(thirdRow), _stage: 'ingest' });
    // Tables dumped before the cut are whole.
    expect(report.sources.find((s) => s.source === 'customers')!.rows).toBe(40);
    // The file is incomplete, so its load failed, at the row where it breaks off.
    expect(report.errors).toEqual([
      { file: 'cut.sql', statement: orders.samples[0]!.statement, line, byteOffset: thirdRow, message: expect.stringMatching(/^the dump is cut off: the file ends inside statement \d+ \(an INSERT into orders\)/) },
    ]);
  });

  it('finds the row where quotes stop pairing up when a string never closes, and keeps the rest as raw text', async () => {
    const dump = [
      'CREATE TABLE `t` (`id` int, `name` varchar(10));',
      "INSERT INTO `t` VALUES (1,'a'),(2,'b),(3,'c');",
      "INSERT INTO `t` VALUES (4,'d');",
    ].join('\n');
    const report = await load('quote.sql', new TextEncoder().encode(dump));
    expect(await rows('SELECT id FROM bronze.t')).toEqual([{ id: 1 }]);
    const at = { file: 'quote.sql', statement: 2, line: 2, byteOffset: dump.indexOf("(2,'b") };
    expect(report.errors).toEqual([{ ...at, message: expect.stringMatching(/^statement 2 \(an INSERT into t\) never ends: from the row that starts here its quotes do not pair up/) }]);
    expect(report.sources[0]!.samples[0]).toEqual({ ...at, message: expect.stringMatching(/^table t: this INSERT could not be parsed .* a quote is not closed/) });
    expect(await rows('SELECT _raw FROM quarantine.t')).toEqual([{ _raw: dump.slice(dump.indexOf("(2,'b")) }]);
  });

  it('says what a .sql file holds instead of tables: nothing, comments, setup statements, binary data', async () => {
    const comments = '-- MySQL dump\n/* nothing */\n';
    const header = '-- MySQL dump\n/*!40101 SET NAMES utf8mb4 */;\n/*!40103 SET TIME_ZONE=\'+00:00\' */;\n';
    const cases: [string, Uint8Array, object][] = [
      ['empty.sql', new Uint8Array(0), { line: 1, byteOffset: 0, message: expect.stringMatching(/^the file is empty \(0 bytes\)/) }],
      ['comments.sql', new TextEncoder().encode(comments), { line: 3, byteOffset: comments.length, message: expect.stringMatching(/^the file ends here with only comments before it/) }],
      ['header.sql', new TextEncoder().encode(header), { line: 4, byteOffset: header.length, message: expect.stringMatching(/^the dump holds no tables: it ends here after 2 setup statement/) }],
      ['gzipped.sql', gzipSync(new TextEncoder().encode('CREATE TABLE t (id int);')), { line: 1, statement: 1, byteOffset: 0, message: expect.stringMatching(/^this is a gzip file named \.sql .* name it \.sql\.gz/) }],
      ['binary.sql', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x3b]), { line: 1, statement: 1, byteOffset: 0, message: expect.stringMatching(/^this is not a SQL dump: it starts with binary data/) }],
    ];
    for (const [path, bytes, problem] of cases) {
      const report = await load(path, bytes);
      expect(report.sources, path).toEqual([]);
      expect(report.errors, path).toEqual([{ file: path, ...problem }]);
    }
  });

  it('reports a statement it cannot parse with file, line and statement, and loads the rest', async () => {
    const dump = [
      'CREATE TABLE `t` (`id` int, `name` varchar(10));',
      "INSERT INTO `t` VALUES (1,'a'),(2,'b');",
      "INSERT INTO `t` VALUES (3,'c'),(4,oops),(5,'e');",
      "INSERT INTO `t` VALUES (6,'f');",
      "INSERT INTO `t` VALUES (7,'g','extra'),(8);",
      "INSERT INTO `t` VALUES ('x9','h');",
    ].join('\n');
    const report = await load('bad.sql', new TextEncoder().encode(dump));
    const t = report.sources.find((s) => s.source === 't')!;
    expect(await rows('SELECT id, name FROM bronze.t ORDER BY _row')).toEqual([
      { id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 3, name: 'c' }, { id: 6, name: 'f' },
    ]);
    expect(t.samples[0]).toMatchObject({ file: 'bad.sql', line: 3, statement: 3 });
    expect(t.samples[0]!.message).toMatch(/could not be parsed .*expected a value.*rows after row 1/);
    const q = await rows('SELECT _row, _statement, _line, _reason, _raw, "id", "name" FROM quarantine.t ORDER BY _statement, _row');
    expect(q.map((r) => [r._statement === null ? null : Number(r._statement), r._reason])).toEqual([
      [3, expect.stringMatching(/could not be parsed/)],
      [5, expect.stringMatching(/^too many values: the row has 3, the table has 2 columns \(id, name\), so the row was not loaded\./)],
      [5, expect.stringMatching(/^too few values: the row has 1, the table has 2 columns \(id, name\)/)],
      // A value DuckDB cannot cast: the row keeps its raw values, column by column.
      [6, 'id: not a valid int: x9'],
    ]);
    expect(q[0]!._raw).toBe("(4,oops),(5,'e')");
    // A row with the wrong number of values is kept as written, with its line and offset.
    expect(q[1]!._raw).toBe("(7,'g','extra')");
    expect(q[2]!._raw).toBe('(8)');
    expect([Number(q[1]!._line), Number(q[2]!._line)]).toEqual([5, 5]);
    const offsets = await rows('SELECT _byte_offset FROM quarantine.t ORDER BY _statement, _row');
    expect(offsets.map((r) => Number(r._byte_offset))).toEqual([dump.indexOf('(4,oops)'), dump.indexOf("(7,'g'"), dump.indexOf('(8)'), dump.indexOf("('x9'")]);
    // Each refused row is a sample of the load's report, with its position.
    expect(t.samples).toContainEqual({ file: 'bad.sql', line: 5, statement: 5, byteOffset: dump.indexOf('(8)'), message: expect.stringMatching(/^table t: too few values/) });
    expect(t.samples).toContainEqual({ file: 'bad.sql', statement: 6, byteOffset: dump.indexOf("('x9'"), message: expect.stringMatching(/^table t: row 7: id: not a valid int: x9\./) });
    // Rows are numbered as read; the rows of the unparsable INSERT never got numbers.
    expect([q[3]!.id, q[3]!.name, Number(q[3]!._row)]).toEqual(['x9', 'h', 7]);
    expect(t.rows).toBe(4);
    expect(t.quarantined).toBe(4);
  });

  it('decodes text from the SET NAMES character set, and reports bytes that are not UTF-8', async () => {
    const latin1 = Buffer.concat([
      Buffer.from("/*!40101 SET NAMES latin1 */;\nCREATE TABLE `c` (`id` int, `city` varchar(20), `raw` blob);\nINSERT INTO `c` VALUES (1,'S"),
      Buffer.from([0xe3, 0x6f]), // "ão" in latin1
      Buffer.from(' Paulo '),
      Buffer.from([0x93, 0x53, 0x50, 0x94]), // “SP”: MySQL's latin1 is cp1252, whatever Node's decoder thinks
      Buffer.from("','"),
      Buffer.from([0xe3, 0xff]), // a BLOB keeps its bytes whatever the character set
      Buffer.from("');\n"),
    ]);
    await load('latin1.sql', latin1);
    expect(await rows(`SELECT city, hex(raw) AS raw FROM bronze.c`)).toEqual([{ city: 'São Paulo “SP”', raw: 'E3FF' }]);

    const broken = Buffer.concat([
      Buffer.from("CREATE TABLE `d` (`id` int, `name` varchar(20));\nINSERT INTO `d` VALUES (1,'ok'),(2,'bad "),
      Buffer.from([0xc3, 0x28]),
      Buffer.from("');\n"),
    ]);
    const report = await load('broken.sql', broken);
    expect(await rows(`SELECT id, name FROM bronze.d ORDER BY id`)).toEqual([{ id: 1, name: 'ok' }, { id: 2, name: 'bad \ufffd(' }]);
    expect(report.sources[0]!.samples).toContainEqual({ file: 'broken.sql', message: 'd.name: 1 value(s) were not valid UTF-8; invalid bytes were replaced with U+FFFD' });
  });

  it('reads the statements MySQL 8 mysqldump adds (GTID, SQL_LOG_BIN, 50503/80016 comments, partitions)', async () => {
    // MySQL is not in Debian, so this is a hand-written excerpt in MySQL 8.0's layout.
    const dump = [
      '-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)',
      '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;',
      '/*!50503 SET NAMES utf8mb4 */;',
      'SET @MYSQLDUMP_TEMP_LOG_BIN = @@SESSION.SQL_LOG_BIN;',
      'SET @@SESSION.SQL_LOG_BIN= 0;',
      "SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5';",
      'DROP TABLE IF EXISTS `sellers`;',
      '/*!40101 SET @saved_cs_client     = @@character_set_client */;',
      '/*!50503 SET character_set_client = utf8mb4 */;',
      'CREATE TABLE `sellers` (',
      '  `seller_id` char(32) NOT NULL,',
      '  `seller_zip_code_prefix` char(5) NOT NULL,',
      '  `seller_city` varchar(64) NOT NULL,',
      '  `seller_state` char(2) NOT NULL,',
      '  PRIMARY KEY (`seller_id`)',
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci /*!80016 DEFAULT ENCRYPTION='N' */",
      '/*!50100 PARTITION BY KEY (seller_id) PARTITIONS 2 */;',
      'LOCK TABLES `sellers` WRITE;',
      '/*!40000 ALTER TABLE `sellers` DISABLE KEYS */;',
      "INSERT INTO `sellers` VALUES ('3442f8959a84dea7ee197c632cb2df15','13023','campinas','SP'),('d1b65fc7debc3361ea86b5f14c68d2e2','13844','mogi guacu','SP');",
      '/*!40000 ALTER TABLE `sellers` ENABLE KEYS */;',
      'UNLOCK TABLES;',
      'SET @@SESSION.SQL_LOG_BIN = @MYSQLDUMP_TEMP_LOG_BIN;',
      '-- Dump completed on 2024-01-01 12:00:00',
    ].join('\n');
    const report = await load('mysql8.sql', new TextEncoder().encode(dump));
    expect(report.errors).toEqual([]);
    expect(report.sources.map((s) => [s.source, s.rows, s.recognised])).toEqual([['sellers', 2, true]]);
    expect(report.sources[0]!.samples).toEqual([]);
    expect(await rows(`SELECT seller_zip_code_prefix FROM bronze.sellers ORDER BY _row`)).toEqual([{ seller_zip_code_prefix: '13023' }, { seller_zip_code_prefix: '13844' }]);
  });

  it('says clearly when a .sql file is not a dump', async () => {
    const report = await load('notes.sql', new TextEncoder().encode('hello there; this is not SQL;'));
    expect(report.sources).toEqual([]);
    expect(report.errors[0]).toMatchObject({ file: 'notes.sql', statement: 1, line: 1, byteOffset: 0 });
    expect(report.errors[0]!.message).toMatch(/does not look like a MySQL dump/);
  });
});

/** Bronze as text, table by table, without the columns that name the file. */
async function bronzeDigest(engine: Engine): Promise<Record<string, string>> {
  const tables = await engine.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'bronze' ORDER BY table_name`);
  const out: Record<string, string> = {};
  for (const t of tables.toArray()) {
    const name = String(t.table_name);
    const r = await engine.query(`SELECT list(t ORDER BY _row)::VARCHAR AS v FROM (SELECT * EXCLUDE (_source, _loaded_at) FROM bronze."${name}") AS t`);
    out[name] = String(r.get(0)?.v);
  }
  return out;
}

function nthIndexOf(text: Buffer, needle: string, from: number, n: number): number {
  let at = from;
  for (let i = 0; i < n; i++) at = text.indexOf(needle, at + 1);
  return at;
}
