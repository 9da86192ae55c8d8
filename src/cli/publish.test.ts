/**
 * `npm run publish`, per audience (issue 21): every file of an extract holds only the
 * audience's rows and masked columns, compared with the same questions asked of the full
 * lakehouse with the filter written out here; every chart drawn from an extract agrees;
 * no personal value of the full lakehouse appears anywhere in an extract.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/interface';
import { NativeEngine } from '../engine/native/nativeEngine';
import { quoteLiteral } from '../engine/sql';
import { CHART_IDS } from '../lakehouse/dashboard/chartId';
import { chartQuery } from '../lakehouse/dashboard/dashboardCharts';
import type { ExtractManifest, Publication } from '../lakehouse/policies/extractManifest';
import { piiKind } from '../pipeline/pii';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const STATES = ['SP', 'RJ'];

let dir: string;
let full: Engine;
let seller: string;
let publication: Publication;
const extracts = new Map<string, { engine: Engine; manifest: ExtractManifest; files: Record<string, Uint8Array> }>();

const rows = async (engine: Engine, sql: string) => (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
const json = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)));
const key = (audience: string, parameters: Record<string, string> = {}) => `${audience} ${JSON.stringify(parameters)}`;
const extract = (audience: string, parameters: Record<string, string> = {}) => extracts.get(key(audience, parameters))!;
const report = (audience: string, parameters: Record<string, string> = {}) => reportTables(new TextDecoder().decode(extract(audience, parameters).files['report.html']));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publish-test-'));
  await run(TSX, ['src/cli/generate.ts', '--sf', '0.01', '--out', join(dir, 'csv')], { timeout: 120_000 });
  await run(TSX, ['src/cli/pipeline.ts', '--out', join(dir, 'lake'), join(dir, 'csv')], { timeout: 180_000 }).catch((e: { code: number }) => {
    if (e.code !== 1) throw e; // warnings of the generated quirks still write every table
  });
  full = await NativeEngine.open();
  for (const [layer, table] of [['silver', 'orders'], ['silver', 'order_items'], ['silver', 'customers'], ['silver', 'sellers'], ['silver', 'geolocation'], ['silver', 'order_reviews'], ['gold', 'revenue_by_state'], ['gold', 'order_facts']]) {
    await full.exec(`CREATE SCHEMA IF NOT EXISTS ${layer}; CREATE TABLE ${layer}.${table} AS SELECT * FROM read_parquet(${quoteLiteral(join(dir, 'lake', layer, `${table}.parquet`))})`);
  }
  seller = String((await rows(full, 'SELECT seller_id FROM silver.order_items GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1'))[0]!.seller_id);
  await writeFile(
    join(dir, 'policies.yaml'),
    `version: test-3
audiences:
  south-east:
    rows: customer_state IN ('SP', 'RJ')
    tables:
      gold.revenue_by_state:
      gold.revenue_monthly:
      gold.delivery_performance:
      gold.customer_ltv:
        masks: { revenue: round(-1), predicted_clv: 'null' }
  partner:
    rows: seller_id = :seller
    parameters:
      seller: [${seller}, no-such-seller]
    tables:
      gold.revenue_monthly:
      silver.order_reviews:
  all-staff:
    tables:
      gold.revenue_by_state:
`,
  );
  await run(TSX, ['src/cli/publish.ts', '--policies', join(dir, 'policies.yaml'), '--in', join(dir, 'lake'), '--out', join(dir, 'pub')], { timeout: 180_000 });
  publication = JSON.parse(await readFile(join(dir, 'pub', 'publication.json'), 'utf8'));
  for (const e of publication.extracts) {
    const files = unzipSync(await readFile(join(dir, 'pub', e.file)));
    const manifest: ExtractManifest = JSON.parse(new TextDecoder().decode(files['extract.json']));
    const engine = await NativeEngine.open();
    for (const t of manifest.tables) {
      const path = join(dir, `${createHash('sha256').update(e.file + t.file).digest('hex')}.parquet`);
      await writeFile(path, files[t.file]!);
      await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${t.schema}; CREATE TABLE ${t.schema}.${t.name} AS SELECT * FROM read_parquet(${quoteLiteral(path)})`);
    }
    extracts.set(key(e.audience, e.parameters), { engine, manifest, files });
  }
}, 600_000);

afterAll(async () => {
  for (const e of extracts.values()) await e.engine.close();
  await full?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm run publish', () => {
  it('writes one extract per audience and parameter value, with a manifest of hashes and row counts', async () => {
    expect(publication.policyVersion).toBe('test-3');
    expect(publication.extracts.map((e) => key(e.audience, e.parameters))).toEqual([key('south-east'), key('partner', { seller }), key('partner', { seller: 'no-such-seller' }), key('all-staff')]);
    for (const e of publication.extracts) {
      const zip = await readFile(join(dir, 'pub', e.file));
      expect(createHash('sha256').update(zip).digest('hex')).toBe(e.sha256);
      const { manifest, files, engine } = extract(e.audience, e.parameters);
      for (const t of manifest.tables) {
        expect(createHash('sha256').update(files[t.file]!).digest('hex')).toBe(t.sha256);
        expect(Number((await rows(engine, `SELECT count(*) AS n FROM ${t.schema}.${t.name}`))[0]!.n)).toBe(t.rows);
      }
    }
    const log = (await readFile(join(dir, 'pub', 'publications.log'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(log.at(-1)).toMatchObject({ policyVersion: 'test-3', extracts: expect.any(Array) });
  });

  it('a table or mask the lakehouse lacks fails naming its line in the policies', async () => {
    await writeFile(join(dir, 'missing.yaml'), 'version: 1\naudiences:\n  north:\n    tables:\n      gold.revenue_by_state:\n        masks:\n          revenue: round\n          no_such_column: hash\n');
    const failed = await run(TSX, ['src/cli/publish.ts', '--policies', join(dir, 'missing.yaml'), '--in', join(dir, 'lake'), '--out', join(dir, 'pub-missing')], { timeout: 120_000 }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('line 8: audience north: the policy masks gold.revenue_by_state.no_such_column, which is not a column of it');
  });

  it('ships only the listed tables and the dashboard', () => {
    const names = (e: ReturnType<typeof extract>) => e.manifest.tables.filter((t) => t.schema !== 'dashboard').map((t) => `${t.schema}.${t.name}`);
    expect(names(extract('south-east'))).toEqual(['gold.revenue_by_state', 'gold.revenue_monthly', 'gold.delivery_performance', 'gold.customer_ltv']);
    expect(names(extract('partner', { seller }))).toEqual(['gold.revenue_monthly', 'silver.order_reviews']);
    expect(extract('all-staff').manifest.tables.some((t) => t.name === 'index_revenue_by_state')).toBe(true);
  });

  describe('south-east: customer_state IN (SP, RJ)', () => {
    it('every table with a customer_state holds SP and RJ only', async () => {
      const { engine, manifest } = extract('south-east');
      let checked = 0;
      for (const t of manifest.tables.filter((t) => t.columns.some((c) => c.name === 'customer_state'))) {
        // NULL: an index's cells over all states (of the filtered rows).
        const states = (await rows(engine, `SELECT DISTINCT customer_state FROM ${t.schema}.${t.name} WHERE customer_state IS NOT NULL`)).map((r) => r.customer_state);
        expect(states.every((s) => STATES.includes(String(s))), `${t.schema}.${t.name}: ${states.join(',')}`).toBe(true);
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(6);
    });

    it('gold equals the full lakehouse asked with the filter', async () => {
      const { engine } = extract('south-east');
      const byState = "SELECT customer_state, orders, customers, revenue::DOUBLE AS revenue FROM gold.revenue_by_state";
      expect(json(await rows(engine, `${byState} ORDER BY 1`))).toEqual(json(await rows(full, `${byState} WHERE customer_state IN ('SP', 'RJ') ORDER BY 1`)));
      const monthly = await rows(engine, 'SELECT month::VARCHAR AS month, orders, revenue::DOUBLE AS revenue FROM gold.revenue_monthly ORDER BY 1');
      const direct = await rows(full, `SELECT date_trunc('month', purchased_at)::DATE::VARCHAR AS month, count(*) AS orders, sum(revenue)::DOUBLE AS revenue
        FROM gold.order_facts WHERE is_revenue_bearing AND customer_state IN ('SP', 'RJ') GROUP BY 1 ORDER BY 1`);
      expect(json(monthly)).toEqual(json(direct));
      expect(monthly.length).toBeGreaterThan(3);
    });

    it('every chart is drawn from the filtered rows', async () => {
      const { engine } = extract('south-east');
      const total = Number((await rows(full, "SELECT sum(revenue)::DOUBLE AS r FROM gold.order_facts WHERE is_revenue_bearing AND customer_state IN ('SP', 'RJ')"))[0]!.r);
      for (const chart of CHART_IDS) {
        const result = await rows(engine, chartQuery(chart, {}));
        expect(result.length, chart).toBeGreaterThan(0);
        for (const r of result) if ('customer_state' in r) expect(STATES, chart).toContain(r.customer_state);
        if (['revenueByState', 'revenueMonthly', 'revenueByCategory'].includes(chart)) {
          expect(result.reduce((n, r) => n + Number(r.revenue), 0), chart).toBeCloseTo(total, 2);
        }
      }
      const states = await rows(engine, chartQuery('revenueByState', {}));
      const direct = await rows(full, "SELECT customer_state, revenue::DOUBLE AS revenue, orders FROM gold.revenue_by_state WHERE customer_state IN ('SP', 'RJ') ORDER BY revenue DESC");
      expect(states.map((r) => [r.customer_state, Number(r.orders)])).toEqual(direct.map((r) => [r.customer_state, Number(r.orders)]));
    });

    it('applies the policy masks', async () => {
      const { engine, manifest } = extract('south-east');
      const ltv = await rows(engine, 'SELECT revenue::DOUBLE AS revenue, predicted_clv, customer_unique_id FROM gold.customer_ltv');
      expect(ltv.length).toBeGreaterThan(10);
      expect(ltv.every((r) => Number(r.revenue) % 10 === 0 && r.predicted_clv === null && /^h:[0-9a-f]{16}$/.test(String(r.customer_unique_id)))).toBe(true);
      expect(manifest.tables.find((t) => t.name === 'customer_ltv')!.columns.filter((c) => c.access !== 'clear').map((c) => `${c.name}:${c.access}`)).toEqual([
        'customer_unique_id:hash',
        'revenue:round(-1)',
        'predicted_clv:null',
      ]);
    });
  });

  describe('partner: seller_id = :seller', () => {
    it("holds the seller's items only, aggregated from them", async () => {
      const { engine } = extract('partner', { seller });
      const monthly = await rows(engine, 'SELECT month::VARCHAR AS month, orders, revenue::DOUBLE AS revenue FROM gold.revenue_monthly ORDER BY 1');
      const direct = await rows(
        full,
        `SELECT date_trunc('month', o.order_purchase_timestamp)::DATE::VARCHAR AS month, count(DISTINCT o.order_id) AS orders, sum(i.price + i.freight_value)::DOUBLE AS revenue
         FROM silver.order_items AS i JOIN silver.orders AS o USING (order_id)
         WHERE i.seller_id = ${quoteLiteral(seller)} AND o.order_status NOT IN ('canceled', 'unavailable') GROUP BY 1 ORDER BY 1`,
      );
      expect(json(monthly)).toEqual(json(direct));
      const items = await rows(engine, 'SELECT count(*) AS n, sum(revenue)::DOUBLE AS r FROM dashboard.items');
      const directItems = await rows(full, `SELECT count(*) AS n, sum(i.price + i.freight_value)::DOUBLE AS r FROM silver.order_items AS i JOIN silver.orders AS o USING (order_id) WHERE i.seller_id = ${quoteLiteral(seller)} AND o.order_status NOT IN ('canceled', 'unavailable')`);
      expect(json(items)).toEqual(json(directItems));
      for (const chart of CHART_IDS) await rows(engine, chartQuery(chart, {}));
    });

    it('an unknown seller gets an empty extract, not an error or someone else’s rows', async () => {
      const { engine } = extract('partner', { seller: 'no-such-seller' });
      expect(await rows(engine, 'SELECT count(*)::INTEGER AS n FROM dashboard.orders')).toEqual([{ n: 0 }]);
      expect(await rows(engine, 'SELECT count(*)::INTEGER AS n FROM silver.order_reviews')).toEqual([{ n: 0 }]);
    });

    it('review text is redacted by its PII tag', async () => {
      const { engine } = extract('partner', { seller });
      const texts = await rows(engine, 'SELECT DISTINCT review_comment_message AS t FROM silver.order_reviews');
      expect(texts.map((r) => r.t).every((t) => t === null || t === '[redacted]')).toBe(true);
    });
  });

  it('all-staff: every row, ids hashed', async () => {
    const byState = "SELECT customer_state, orders, revenue::DOUBLE AS revenue FROM gold.revenue_by_state ORDER BY 1";
    expect(json(await rows(extract('all-staff').engine, byState))).toEqual(json(await rows(full, byState)));
  });

  it('no personal value of the full lakehouse appears anywhere in any extract', async () => {
    const personal = new Set<string>();
    for (const [table, columns] of Object.entries({ orders: ['order_id', 'customer_id'], customers: ['customer_id', 'customer_unique_id', 'customer_zip_code_prefix', 'customer_city'], sellers: ['seller_zip_code_prefix', 'seller_city'] })) {
      for (const c of columns) {
        expect(piiKind(c), c).toBeDefined();
        for (const r of await rows(full, `SELECT DISTINCT ${c}::VARCHAR AS v FROM silver.${table} WHERE ${c} IS NOT NULL`)) personal.add(String(r.v));
      }
    }
    expect(personal.size).toBeGreaterThan(500);
    let cells = 0;
    for (const { engine, manifest, files } of extracts.values()) {
      // Every string in the manifest, compared whole (its SHA-256 sums may hold any 5 digits).
      const strings: string[] = [];
      JSON.parse(new TextDecoder().decode(files['extract.json']), (_k, v) => (typeof v === 'string' && strings.push(v), v));
      expect(strings.filter((s) => personal.has(s))).toEqual([]);
      for (const t of manifest.tables) {
        for (const c of t.columns) {
          for (const r of await rows(engine, `SELECT DISTINCT "${c.name}"::VARCHAR AS v FROM ${t.schema}.${t.name} WHERE "${c.name}" IS NOT NULL`)) {
            cells++;
            if (personal.has(String(r.v))) throw new Error(`${manifest.audience}: ${t.schema}.${t.name}.${c.name} holds the personal value ${String(r.v)}`);
          }
        }
      }
    }
    expect(cells).toBeGreaterThan(1000);
    // The audience's report: every cell, number and heading, compared whole.
    let reportCells = 0;
    for (const { manifest, files } of extracts.values()) {
      const html = new TextDecoder().decode(files['report.html']);
      for (const value of htmlTexts(html)) {
        reportCells++;
        if (personal.has(value)) throw new Error(`${manifest.audience}: report.html holds the personal value ${value}`);
      }
    }
    expect(reportCells).toBeGreaterThan(1000);
  });

  describe("each audience's report.html", () => {
    it('south-east: SP and RJ only, totals of their rows, masked columns', async () => {
      const tables = report('south-east');
      const states = tables.get('revenueByState')!;
      expect(states.map((r) => r.customer_state).sort()).toEqual([...STATES].sort());
      const direct = await rows(full, "SELECT sum(revenue)::DOUBLE AS r, sum(orders)::DOUBLE AS n FROM gold.revenue_by_state WHERE customer_state IN ('SP', 'RJ')");
      const html = new TextDecoder().decode(extract('south-east').files['report.html']);
      const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      expect(html).toContain(`<dd>${money(Number(direct[0]!.r))}</dd>`);
      expect(html).toContain(`<dd>${Math.round(Number(direct[0]!.n)).toLocaleString('en-US')}</dd>`);
      // Every chart drawn, as the dashboard draws it (its SVG text is read by the personal-value check).
      expect(html.match(/<\/figcaption><svg /g)?.length).toBe(CHART_IDS.length);
      const byState = tables.get('gold.revenue_by_state')!;
      expect(byState.map((r) => r.customer_state).sort()).toEqual([...STATES].sort());
      const ltv = tables.get('gold.customer_ltv')!;
      expect(ltv.length).toBeGreaterThan(10);
      expect(ltv.every((r) => Number(r.revenue) % 10 === 0 && r.predicted_clv === '' && /^h:[0-9a-f]{16}$/.test(r.customer_unique_id!))).toBe(true);
      for (const [name, table] of tables) for (const r of table) if ('customer_state' in r && r.customer_state) expect(STATES, name).toContain(r.customer_state);
    });

    it("partner: the seller's revenue only, review text redacted", async () => {
      const tables = report('partner', { seller });
      const direct = await rows(full, `SELECT sum(i.price + i.freight_value)::DOUBLE AS r FROM silver.order_items AS i JOIN silver.orders AS o USING (order_id) WHERE i.seller_id = ${quoteLiteral(seller)} AND o.order_status NOT IN ('canceled', 'unavailable')`);
      const monthly = tables.get('gold.revenue_monthly')!;
      expect(monthly.reduce((n, r) => n + Number(r.revenue), 0)).toBeCloseTo(Number(direct[0]!.r), 1);
      expect(tables.get('silver.order_reviews')!.every((r) => r.review_comment_message === '' || r.review_comment_message === '[redacted]')).toBe(true);
      expect(report('partner', { seller: 'no-such-seller' }).get('gold.revenue_monthly')).toEqual([]);
    });
  });
});

/** The report's tables by heading (h3), each row as column → text. */
function reportTables(html: string): Map<string, Record<string, string>[]> {
  const out = new Map<string, Record<string, string>[]>();
  for (const section of html.split('<h3>').slice(1)) {
    const name = unescape(section.slice(0, section.indexOf('</h3>')));
    const head = [...(section.match(/<thead>(.*?)<\/thead>/s)?.[1] ?? '').matchAll(/<th scope="col">(.*?)<\/th>/g)].map((m) => unescape(m[1]!));
    const body = section.match(/<tbody>(.*?)<\/tbody>/s)?.[1] ?? '';
    out.set(name, [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/<td>(.*?)<\/td>/g)].map((c, i) => [head[i]!, unescape(c[1]!)]))));
  }
  return out;
}

/** Every text between tags, unescaped, plus every comma- or space-separated part of it. */
function htmlTexts(html: string): string[] {
  const texts = [...html.matchAll(/>([^<]+)</g)].map((m) => unescape(m[1]!).trim()).filter(Boolean);
  return [...texts, ...texts.flatMap((t) => t.split(/[\s,:()=]+/).filter(Boolean))];
}

const unescape = (s: string) => s.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
