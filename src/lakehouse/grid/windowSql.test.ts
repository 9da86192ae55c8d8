import { describe, expect, it } from 'vitest';
import { windowSql, type GridTarget } from './windowSql';
import type { GridFilter } from './gridTypes';

const target: GridTarget = {
  from: '"bronze"."orders"',
  columns: [
    { name: 'order_id', type: 'VARCHAR' },
    { name: 'price', type: 'DECIMAL(12,2)' },
    { name: 'bought_at', type: 'TIMESTAMP' },
    { name: 'day', type: 'DATE' },
    { name: 'late', type: 'BOOLEAN' },
    { name: 'tags', type: 'VARCHAR[]' },
    { name: 'we"ird', type: 'INTEGER' },
  ],
  tieBreak: ['rowid'],
  defaultOrder: [],
};

describe('windowSql', () => {
  it('pages in the default order without sorting, and adds the tie-break after a sort', () => {
    expect(windowSql(target, [], [], 400, 200).rows).toBe(
      'SELECT "order_id", "price", "bought_at", "day", "late", "tags", "we""ird" FROM "bronze"."orders" LIMIT 200 OFFSET 400',
    );
    const sorted = windowSql(target, [{ column: 'price', desc: true }, { column: 'we"ird', desc: false }], [], 0, 50);
    expect(sorted.rows).toMatch(/ ORDER BY "price" DESC NULLS LAST, "we""ird" ASC NULLS LAST, "rowid" LIMIT 50 OFFSET 0$/);
  });

  it('turns typed filters into conditions and counts under the same filters', () => {
    const sql = windowSql(
      target,
      [],
      [
        { column: 'order_id', op: 'contains', value: 'AbC' },
        { column: 'price', op: 'range', min: '10', max: '20.5' },
        { column: 'bought_at', op: 'range', min: '2018-01-01' },
        { column: 'day', op: 'equals', value: '2018-03-01' },
        { column: 'late', op: 'equals', value: 'TRUE' },
        { column: 'tags', op: 'equals', value: '[a]' },
        { column: 'order_id', op: 'isNull' },
      ],
      0,
      10,
    );
    const where =
      ` WHERE (contains(lower(CAST("order_id" AS VARCHAR)), 'abc')) AND ("price" >= CAST('10' AS DOUBLE) AND "price" <= CAST('20.5' AS DOUBLE))` +
      ` AND ("bought_at" >= CAST('2018-01-01' AS TIMESTAMP)) AND ("day" = CAST('2018-03-01' AS DATE)) AND ("late" = true)` +
      ` AND (CAST("tags" AS VARCHAR) = '[a]') AND ("order_id" IS NULL)`;
    expect(sql.count).toBe(`SELECT count(*)::BIGINT AS n FROM "bronze"."orders"${where}`);
    expect(sql.rows).toContain(where);
    expect(sql.countKey).toBe(`"bronze"."orders"${where}`);
  });

  describe('refuses what could change the SQL', () => {
    const attempts: Array<[string, () => unknown, RegExp]> = [
      ['a column not in the catalog', () => windowSql(target, [{ column: 'price"; DROP TABLE x; --', desc: false }], [], 0, 10), /no column "price"; DROP/],
      ['a filter on an unknown column', () => windowSql(target, [], [{ column: '1=1) OR (1', op: 'isNull' }], 0, 10), /no column/],
      ['SQL as a number', () => windowSql(target, [], [{ column: 'price', op: 'range', min: '0 OR 1=1' }], 0, 10), /not a number/],
      ['SQL as a date', () => windowSql(target, [], [{ column: 'day', op: 'equals', value: "2018-01-01' OR '1'='1" }], 0, 10), /not a date/],
      ['SQL as a boolean', () => windowSql(target, [], [{ column: 'late', op: 'equals', value: 'true OR 1=1' }], 0, 10), /not true or false/],
      ['an unknown operator', () => windowSql(target, [], [{ column: 'price', op: 'raw', value: '1' } as unknown as GridFilter], 0, 10), /Unknown filter/],
      ['a range on text', () => windowSql(target, [], [{ column: 'order_id', op: 'range', min: 'a' }], 0, 10), /has no range/],
      ['an offset that is not a whole number', () => windowSql(target, [], [], '0; DROP TABLE x' as unknown as number, 10), /row number/],
      ['a negative offset', () => windowSql(target, [], [], -1, 10), /row number/],
      ['a window too large', () => windowSql(target, [], [], 0, 1_000_000), /1 to 1000 rows/],
    ];
    it.each(attempts)('%s', (_name, build, message) => expect(build).toThrow(message));

    it('keeps quotes in text filters inside the literal', () => {
      const sql = windowSql(target, [], [{ column: 'order_id', op: 'equals', value: "x'); DROP TABLE orders; --" }], 0, 10);
      expect(sql.rows).toContain(`("order_id" = 'x''); DROP TABLE orders; --')`);
    });
  });
});
