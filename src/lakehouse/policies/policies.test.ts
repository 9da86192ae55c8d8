import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { NativeEngine } from '../../engine/native/nativeEngine';
import { columnAccess, maskedColumnSql, maskKey } from './columnMasks';
import { parsePolicies } from './parsePolicies';
import { compileRowFilter } from './rowFilter';

const DEMO = readFileSync(new URL('../../../policies/demo.yaml', import.meta.url), 'utf8');

/** The problems of a policies text, as "line: message". */
function problems(text: string): string[] {
  const parsed = parsePolicies(text);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`);
}

const policy = (audience: string) => `version: 1\naudiences:\n  a:\n${audience}`;

describe('parsePolicies', () => {
  it('reads the demo policies', () => {
    const parsed = parsePolicies(DEMO);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.keys(parsed.policies.audiences)).toEqual(['south-east', 'partner', 'all-staff']);
    expect(parsed.policies.audiences['south-east']!.tables['gold.customer_ltv']!.masks).toEqual({ revenue: 'round(-1)', predicted_clv: 'null' });
    expect(parsed.policies.audiences.partner!.parameters.seller).toHaveLength(2);
  });

  it('reads JSON too', () => {
    expect(parsePolicies(JSON.stringify({ version: 2, audiences: { x: { rows: "customer_state = 'SP'", tables: { 'gold.rfm': {} } } } })).ok).toBe(true);
  });

  it('names the line of every problem', () => {
    expect(problems(policy('    tables:\n      gold.rfm:\n        masks:\n          segment: scramble\n'))).toEqual(['7: audiences.a.tables.gold.rfm.masks.segment: must be hash, redact, null, round, round(N) or clear']);
    expect(problems(policy('    tables:\n      bronze.orders:\n'))).toEqual([expect.stringMatching(/^5: audiences\.a\.tables\.bronze\.orders: .*silver\.<table> or gold\.<table>/)]);
    expect(problems(policy('    colour: red\n'))).toEqual([expect.stringMatching(/^4: audiences\.a: .*colour/)]);
    expect(problems('version: 1\naudiences:\n  a:\n    rows: x\n    rows: y\n')).toEqual([expect.stringMatching(/^5: : Map keys must be unique/)]);
    expect(problems('audiences: {}\n')).toEqual([expect.stringMatching(/^1: version: /)]);
  });

  it('checks row filters with the SQL parser, on their line', () => {
    const rows = (condition: string, extra = '') => problems(policy(`    description: x\n    rows: ${JSON.stringify(condition)}\n${extra}`));
    expect(rows("customer_state = 'SP'")).toEqual([]);
    expect(rows("customer_state = 'SP'; DROP TABLE x")).toEqual([expect.stringMatching(/^5: audiences\.a\.rows: the row filter must be one condition/)]);
    expect(rows("customer_state IN (SELECT 'SP')")[0]).toMatch(/^5: .*not allowed here/);
    expect(rows('price > 10')[0]).toMatch(/^5: .*price, which is not a scope column/);
    expect(rows("read_csv('x') = 1")[0]).toMatch(/^5: .*read_csv\(\), which is not allowed/);
    expect(rows('seller_id = :seller')[0]).toMatch(/^5: .*:seller has no values under parameters/);
    expect(rows('seller_id = :seller', '    parameters:\n      seller: [abc]\n')).toEqual([]);
    expect(rows("seller_id = 'a'", '    parameters:\n      seller: [abc]\n')[0]).toMatch(/parameter seller is not used/);
  });
});

describe('row filters', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await NativeEngine.open();
    await engine.exec(`CREATE TABLE scope AS SELECT * FROM (VALUES ('a', 'SP'), ('O''Brien', 'RJ'), ('x'' OR ''1''=''1', 'MG')) AS t(seller_id, customer_state)`);
  });
  afterAll(() => engine.close());
  const count = async (where: string) => Number((await engine.query(`SELECT count(*)::INTEGER AS n FROM scope WHERE ${where}`)).get(0)!.n);

  it('binds values as literals, whatever they hold', async () => {
    const filter = compileRowFilter('seller_id = :seller');
    expect(filter.parameters).toEqual(['seller']);
    expect(filter.bind({ seller: "O'Brien" })).toBe(`("seller_id" = 'O''Brien')`);
    expect(await count(filter.bind({ seller: "O'Brien" }))).toBe(1);
    // An injection attempt is one value that no seller has, or exactly the seller so named.
    expect(await count(filter.bind({ seller: "nobody' OR '1'='1" }))).toBe(0);
    expect(await count(filter.bind({ seller: "x' OR '1'='1" }))).toBe(1);
    expect(() => filter.bind({})).toThrow(/no value for the row filter's :seller/);
  });

  it("re-quotes the policy's own literals", async () => {
    expect(await count(compileRowFilter("customer_state IN ('SP', 'RJ') OR seller_id = 'O''Brien'").bind({}))).toBe(2);
    expect(await count(compileRowFilter("NOT (customer_state = 'SP') AND lower(seller_id) LIKE 'o%'").bind({}))).toBe(1);
    expect(await count(compileRowFilter('customer_state IS NOT NULL').bind({}))).toBe(3);
  });
});

describe('column masks', () => {
  let engine: Engine;
  beforeAll(async () => (engine = await NativeEngine.open()));
  afterAll(() => engine.close());
  const key = new Uint8Array(32).map((_, i) => i * 7 + 1);

  it('hash is HMAC-SHA-256 under the publication key, cut to 16 hex digits', async () => {
    const sql = maskedColumnSql('city', 'VARCHAR', { mask: 'hash' }, maskKey(key));
    const t = await engine.query(`SELECT ${sql} FROM (VALUES ('são paulo'), (NULL)) AS v(city)`);
    const expected = createHmac('sha256', key).update('são paulo', 'utf8').digest('hex').slice(0, 16);
    expect(t.toArray().map((r) => r.city)).toEqual([`h:${expected}`, null]);
  });

  it('redact, null and round', async () => {
    const k = maskKey(key);
    const t = await engine.query(
      `SELECT ${maskedColumnSql('t', 'VARCHAR', { mask: 'redact' }, k)}, ${maskedColumnSql('d', 'DECIMAL(12,2)', { mask: 'null' }, k)}, ${maskedColumnSql('r', 'DOUBLE', { mask: 'round', decimals: -1 }, k)}
       FROM (VALUES ('secret', 12.34::DECIMAL(12,2), 1234.5::DOUBLE)) AS v(t, d, r)`,
    );
    expect(t.get(0)!.toJSON()).toEqual({ t: '[redacted]', d: null, r: 1230 });
    expect(() => maskedColumnSql('t', 'VARCHAR', { mask: 'round', decimals: 0 }, k)).toThrow(/round masks numbers only/);
  });

  it('masks PII-tagged columns by default; the policy can change or clear that', () => {
    expect(columnAccess('customer_unique_id')).toMatchObject({ mask: 'hash', source: 'pii tag' });
    expect(columnAccess('geolocation_lat')).toMatchObject({ mask: 'round', decimals: 0 });
    expect(columnAccess('review_comment_message')).toMatchObject({ mask: 'redact' });
    expect(columnAccess('revenue')).toMatchObject({ mask: 'clear', source: 'default' });
    expect(columnAccess('customer_city', { masks: { customer_city: 'clear' } })).toMatchObject({ mask: 'clear', source: 'policy' });
    expect(columnAccess('revenue', { masks: { revenue: 'round(2)' } })).toMatchObject({ mask: 'round', decimals: 2, source: 'policy' });
  });
});
