import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../changeRecord';
import { BinlogSchemas } from './binlogSchemas';
import { binlogValue } from './binlogValues';
import { parseBinlog } from './parseBinlog';
import { parseCreateTable } from '../../mysql/createTable';

/** Real `mariadb-binlog --base64-output=decode-rows --verbose` output (fixtures/cdc/README.md). */
const FIXTURES = join(import.meta.dirname, '../../../../fixtures/cdc');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const row = (r: ChangeRecord, image: 'before' | 'after' = 'after') => Object.fromEntries(r[image]!);
const dumpSchemas = () => {
  const schemas = new BinlogSchemas();
  schemas.addFromSql(read('schema.sql'));
  return schemas;
};

describe('mariadb-binlog row events', () => {
  it('names the columns from the log\'s own CREATE TABLE', () => {
    const parsed = parseBinlog(read('row-with-ddl.binlog.txt'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.changes.map((c) => `${c.op}:${c.table}`)).toEqual([
      ...Array(3).fill('c:orders'), ...Array(4).fill('c:order_items'), ...Array(3).fill('c:order_reviews'),
    ]);
    const first = parsed.changes[0]!;
    expect(first.database).toBe('olist_cdc');
    expect(row(first)).toEqual({
      order_id: 'a0000000000000000000000000000001', customer_id: 'c0000000000000000000000000000001', order_status: 'shipped',
      order_purchase_timestamp: '2018-01-02 10:56:33', order_approved_at: '2018-01-02 11:07:15',
      order_delivered_carrier_date: '2018-01-04 19:55:00', order_delivered_customer_date: null, order_estimated_delivery_date: '2018-01-20 00:00:00',
    });
    const lines = read('row-with-ddl.binlog.txt').split('\n');
    expect(lines[first.line - 1]).toBe('### INSERT INTO `olist_cdc`.`orders`');
    expect(first.changeAt).toMatch(/^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const reviews = parsed.changes.filter((c) => c.table === 'order_reviews').map((c) => row(c));
    expect(reviews.map((r) => r.review_answer_timestamp)).toEqual(['2018-01-11 09:30:00', null, '2018-01-12 21:00:00']); // TIMESTAMP: epoch seconds in the log
    expect(reviews[2]!.review_comment_message).toBe('não chegou');
    const items = parsed.changes.filter((c) => c.table === 'order_items').map((c) => row(c));
    expect(items.map((i) => i.price)).toEqual(['58.90', '0.85', '99999999.99', '19.90']);
  });

  it('needs a CREATE TABLE: without one every row is refused with what to load', () => {
    const parsed = parseBinlog(read('row.binlog.txt'));
    expect(parsed.changes).toEqual([]);
    expect(parsed.problems.length).toBe(13);
    expect(parsed.problems[0]!.reason).toMatch(/no CREATE TABLE for olist_cdc\.orders.*mariadb-dump --no-data olist_cdc/);
    expect(parsed.problems[0]!.raw).toMatch(/^### UPDATE `olist_cdc`\.`orders`\n### WHERE\n###   @1=/);
  });

  it('reads updates, key changes and deletes with a schema dump', () => {
    const parsed = parseBinlog(read('row.binlog.txt'), dumpSchemas());
    expect(parsed.problems).toEqual([]);
    expect(parsed.changes.map((c) => `${c.op}:${c.table}`)).toEqual([
      'u:orders', 'c:orders', 'c:order_items', 'u:orders', 'u:order_items', 'u:order_reviews', 'u:order_reviews',
      'd:order_reviews', 'u:orders', 'd:order_items', 'u:order_items', 'u:order_items', 'c:order_reviews',
    ]);
    const [status] = parsed.changes;
    expect(row(status!, 'before')).toMatchObject({ order_status: 'shipped', order_delivered_customer_date: null });
    expect(row(status!)).toMatchObject({ order_status: 'delivered', order_delivered_customer_date: '2018-01-09 17:45:00' });
    const moved = parsed.changes[3]!;
    expect([row(moved, 'before').order_id, row(moved).order_id]).toEqual(['a0000000000000000000000000000002', 'a0000000000000000000000000000099']);
    const rescored = parsed.changes[5]!;
    expect(row(rescored).review_comment_message).toBe('arrived broken, it\'s "bad"\nsecond line'); // \x0a in the log
    const deleted = parsed.changes[7]!;
    expect(deleted.after).toBeNull();
    expect(row(deleted, 'before').review_id).toBe('r0000000000000000000000000000003');
    expect(row(parsed.changes[12]!).review_comment_message).toBe('ótimo, São Paulo 😀');
    // One UPDATE statement of two rows: two records, each on its own ### line.
    expect(parsed.changes[10]!.line).toBeLessThan(parsed.changes[11]!.line);
    expect([row(parsed.changes[10]!).freight_value, row(parsed.changes[11]!).freight_value]).toEqual(['14.29', '1.00']);
  });

  it('refuses partial row images (binlog_row_image=MINIMAL) except for deletes', () => {
    const full = read('row.binlog.txt');
    // The first UPDATE as MINIMAL writes it: the key in WHERE, only the changed columns in SET.
    const minimal = full.replace(/(### UPDATE `olist_cdc`\.`orders`\n### WHERE\n###   @1=[^\n]*\n)(?:###   @[2-8]=[^\n]*\n)+(### SET\n)###   @1=[^\n]*\n###   @2=[^\n]*\n(###   @3=[^\n]*\n)(?:###   @[4-6]=[^\n]*\n)+(###   @7=[^\n]*\n)###   @8=[^\n]*\n/, '$1$2$3$4');
    expect(minimal).not.toBe(full);
    const parsed = parseBinlog(minimal, dumpSchemas());
    expect(parsed.problems.map((p) => [p.line, p.reason])).toEqual([[28, expect.stringMatching(/holds 2 of the 8 columns of olist_cdc\.orders: .*binlog_row_image=FULL/)]]);
    expect(parsed.changes.length).toBe(12);
    const keyOnly = full.replace(/(### DELETE FROM `olist_cdc`\.`order_reviews`\n### WHERE\n###   @1=[^\n]*\n###   @2=[^\n]*\n)(?:###   @[3-7]=[^\n]*\n)+/, '$1');
    expect(parseBinlog(keyOnly, dumpSchemas()).problems).toEqual([]);
  });

  it('refuses rows of a table altered earlier in the log', () => {
    const text = read('row.binlog.txt').replace('DELIMITER /*!*/;', 'DELIMITER /*!*/;\nuse `olist_cdc`/*!*/;\nALTER TABLE orders ADD COLUMN note TEXT FIRST\n/*!*/;');
    const parsed = parseBinlog(text, dumpSchemas());
    expect(parsed.problems.filter((p) => p.table === 'orders').map((p) => p.reason)).toEqual(Array(4).fill(expect.stringMatching(/olist_cdc\.orders was altered at line \d+/)));
    expect(parsed.changes.some((c) => c.table === 'orders')).toBe(false);
    expect(parsed.changes.length).toBe(9);
  });
});

describe('mariadb-binlog statement events', () => {
  it('loads INSERT … VALUES and refuses UPDATE and DELETE with their line', () => {
    const text = read('statement.binlog.txt');
    const parsed = parseBinlog(text, dumpSchemas());
    expect(parsed.changes.map((c) => `${c.op}:${c.table}:${c.after!.get('order_id')}`)).toEqual([
      'c:orders:a0000000000000000000000000000005', 'c:orders:a0000000000000000000000000000006',
      'c:order_items:a0000000000000000000000000000005', 'c:order_reviews:a0000000000000000000000000000006',
    ]);
    expect(row(parsed.changes[3]!)).toMatchObject({ review_comment_message: "it's late", review_answer_timestamp: '2018-02-11 00:00:00' });
    expect(parsed.changes[0]!.changeAt).toMatch(/^20\d\d-/); // SET TIMESTAMP
    const lines = text.split('\n');
    expect(parsed.problems.map((p) => [p.table, lines[p.line - 1]!.split(' ')[0]])).toEqual([['orders', 'UPDATE'], ['order_reviews', 'DELETE']]);
    expect(parsed.problems[0]!.reason).toMatch(/statement-format UPDATE cannot be applied.*binlog_format=ROW/);
    expect(parsed.notes.join(' ')).toMatch(/START \w+|COMMIT/);
  });
});

describe('binlog values', () => {
  const column = (ddl: string) => parseCreateTable(`CREATE TABLE t (${ddl})`)!.columns[0]!;
  it('reads each type as a dump writes it', () => {
    expect(binlogValue("'2018:01:02'", column('d DATE'))).toBe('2018-01-02');
    expect(binlogValue('1515663000', column('t TIMESTAMP'))).toBe('2018-01-11 09:30:00');
    expect(binlogValue('1515663000.250000', column('t TIMESTAMP(6)'))).toBe('2018-01-11 09:30:00.25');
    expect(binlogValue('2', column("e ENUM('Small','Big')"))).toBe('Big');
    expect(binlogValue('5', column("s SET('a','b','c')"))).toBe('a,c');
    expect(binlogValue('-1 (255)', column('u TINYINT UNSIGNED'))).toBe('255');
    expect(binlogValue('-1 (255)', column('s TINYINT'))).toBe('-1');
    expect(binlogValue("b'0101'", column('b BIT(4)'))).toBe('0101');
    expect(binlogValue("'a\\x09b\\' /* x */'", column('v VARCHAR(9)'))).toBe("a\tb\\' /* x */");
    expect(binlogValue("'x' /* VARSTRING(36) meta=36 nullable=1 is_null=0 */", column('v VARCHAR(9)'))).toBe('x');
    expect(binlogValue('NULL', column('v VARCHAR(9)'))).toBeNull();
    expect(() => binlogValue('9', column("e ENUM('a')"))).toThrow(/ENUM index 9/);
  });
});
