import { expect, it } from 'vitest';
import { engine } from './generatedLakehouse';
import { columnTypes, expectationResults, GOLD, one, rows, SILVER, SILVER_SOURCES, stage } from './testHarness';

/**
 * The silver models on the generated Olist data: every bronze row staged exactly once,
 * quarantine, cleaning; and the expectations in the model headers, with the known quirks
 * as warnings. Registered by generatedData.test.ts, once per engine.
 */
export function silverCases(): void {
  it('has one silver model per source, and silver models read only bronze and silver', () => {
    expect(SILVER.map((m) => m.name).sort()).toEqual(SILVER_SOURCES);
    for (const m of SILVER) {
      expect(m.references, m.id).toContain(`bronze.${m.name}`);
      expect(m.references.every((r) => r.startsWith('bronze.') || r.startsWith('silver.')), m.id).toBe(true);
      expect(m.key.length, m.id).toBeGreaterThan(0);
      expect(m.grain, m.id).toBeTruthy();
    }
    for (const m of GOLD) expect(m.references.some((r) => r.startsWith('bronze.')), m.id).toBe(false);
  });

  it.each(SILVER_SOURCES)('silver.%s returns every bronze row exactly once, with the bronze columns unchanged', async (name) => {
    const counts = await one(engine, `SELECT
        (SELECT count(*) FROM bronze.${name}) AS bronze,
        (SELECT count(*) FROM ${stage(name)}) AS staged,
        (SELECT count(DISTINCT (_source, _row)) FROM ${stage(name)}) AS distinct_rows,
        (SELECT count(*) FROM bronze.${name} AS b ANTI JOIN ${stage(name)} AS s
           ON s._source = b._source AND s._row = b._row AND s._source_kind = b._source_kind AND s._loaded_at = b._loaded_at) AS missing`);
    expect(counts.staged).toBe(counts.bronze);
    expect(counts.distinct_rows).toBe(counts.bronze);
    expect(counts.missing).toBe(0);
    const types = await columnTypes(engine, stage(name));
    expect(Object.keys(types).slice(-5)).toEqual(['_source', '_source_kind', '_row', '_loaded_at', '_reason']);
  });

  it('quarantines the geolocation points outside Brazil and keeps one summary row per zip prefix', async () => {
    const g = await one(engine, `SELECT
        count(*) FILTER (WHERE _reason LIKE 'point outside Brazil%') AS outside,
        count(*) FILTER (WHERE _reason IS NOT NULL) AS quarantined,
        (SELECT count(*) FROM bronze.geolocation
          WHERE NOT (TRY_CAST(geolocation_lat AS DOUBLE) BETWEEN -34 AND 6 AND TRY_CAST(geolocation_lng AS DOUBLE) BETWEEN -74 AND -34)) AS expected_outside,
        count(DISTINCT geolocation_zip_code_prefix) FILTER (WHERE _reason IS NULL) AS zips,
        (SELECT count(*) FROM silver.geolocation) AS silver_rows,
        (SELECT sum(points)::BIGINT FROM silver.geolocation) AS points,
        count(*) FILTER (WHERE _reason IS NULL) AS good
      FROM ${stage('geolocation')}`);
    expect(g.outside).toBeGreaterThan(0);
    expect(g.outside).toBe(g.expected_outside);
    expect(g.quarantined).toBe(g.outside);
    expect(g.silver_rows).toBe(g.zips);
    expect(g.points).toBe(g.good);
    // Every good row of a zip carries the same summary, so the runner's choice of row does not matter.
    const spread = await one(engine, `SELECT count(*) AS n FROM (
        SELECT geolocation_zip_code_prefix FROM ${stage('geolocation')} WHERE _reason IS NULL
        GROUP BY ALL HAVING count(DISTINCT (geolocation_lat, geolocation_lng, geolocation_city, geolocation_state, points)) > 1)`);
    expect(spread.n).toBe(0);
  });

  it('makes every zip prefix five digits', async () => {
    for (const [table, column] of [['customers', 'customer_zip_code_prefix'], ['sellers', 'seller_zip_code_prefix'], ['geolocation', 'geolocation_zip_code_prefix']]) {
      const z = await one(engine, `SELECT count(*) AS n, count(*) FILTER (WHERE regexp_full_match(${column}, '[0-9]{5}')) AS ok,
          count(*) FILTER (WHERE ${column} LIKE '0%') AS leading_zero FROM silver.${table}`);
      expect(z.ok, table).toBe(z.n);
      if (table === 'customers') expect(z.leading_zero, table).toBeGreaterThan(0);
    }
  });

  it("names product categories in English, falls back to Portuguese, and uses 'unknown' without a category", async () => {
    const p = await rows(engine, `SELECT product_category_name AS pt, product_category_name_english AS en, count(*) AS n
        FROM silver.products WHERE product_category_name IN ('pc_gamer', 'beleza_saude') OR product_category_name IS NULL GROUP BY ALL ORDER BY ALL`);
    expect(p.map(({ pt, en }) => [pt, en])).toEqual([['beleza_saude', 'health_beauty'], ['pc_gamer', 'pc_gamer'], [null, 'unknown']]);
    const categories = await rows(engine, `SELECT category FROM gold.revenue_by_category WHERE category IN ('unknown', 'pc_gamer', 'health_beauty') ORDER BY 1`);
    expect(categories.map((r) => r.category)).toEqual(['health_beauty', 'pc_gamer', 'unknown']);
  });

  it('passes every error-severity expectation; warn expectations run and find the known quirks', async () => {
    const results = await expectationResults(engine);
    expect(results.filter((r) => typeof r.failing === 'string')).toEqual([]);
    expect(results.filter((r) => r.severity === 'error' && r.failing !== 0)).toEqual([]);
    const warned = results.filter((r) => r.severity === 'warn' && r.failing !== 0).map((r) => `${r.model}: ${r.name}`);
    expect(warned).toContain('silver.order_payments: accepted_values(payment_type; credit_card, boleto, voucher, debit_card)');
    expect(warned).toContain('silver.order_payments: range(payment_installments; 1; )');
    expect(warned).toContain('silver.products: relationships(product_category_name; silver.category_translation.product_category_name)');
  });
}
