import { expect, it } from 'vitest';
import { quoteIdent } from '../../engine/sql';
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

  it.each(SILVER.filter((m) => !m.reduces).map((m) => m.name))('silver.%s returns every bronze row exactly once, with the bronze columns unchanged', async (name) => {
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

  it.each(SILVER.filter((m) => m.reduces).map((m) => [m.name, m.reduces!, m.key.map(quoteIdent).join(', ')]))(
    'silver.%s returns one row per key, each quarantined bronze row once and each absorbed bronze row once; its %s count covers the absorbed rows',
    async (name, count, key) => {
      const c = await one(engine, `SELECT
          (SELECT count(*) FROM bronze.${name}) AS bronze,
          (SELECT count(*) FROM ${stage(name)} WHERE _reason IS NULL AND _kept_row IS NULL) AS kept,
          (SELECT count(DISTINCT (${key})) FROM ${stage(name)} WHERE _reason IS NULL AND _kept_row IS NULL) AS keys,
          (SELECT sum(${quoteIdent(count)})::BIGINT FROM ${stage(name)} WHERE _reason IS NULL AND _kept_row IS NULL) AS counted,
          (SELECT count(*) FROM ${stage(name)} WHERE _reason IS NOT NULL) AS quarantined,
          (SELECT count(*) FROM ${stage(name)} WHERE _reason IS NULL AND _kept_row IS NOT NULL) AS absorbed,
          (SELECT count(*) FROM ${stage(name)} WHERE _reason IS NOT NULL AND _kept_row IS NOT NULL) AS quarantined_and_absorbed,
          (SELECT count(DISTINCT (_source, _row)) FROM ${stage(name)}) AS distinct_rows,
          (SELECT count(*) FROM ${stage(name)} AS a ANTI JOIN ${stage(name)} AS k ON k._source = a._kept_source AND k._row = a._kept_row AND k._reason IS NULL AND k._kept_row IS NULL
             WHERE a._kept_row IS NOT NULL) AS absorbed_by_no_summary,
          (SELECT count(*) FROM ${stage(name)} AS s ANTI JOIN bronze.${name} AS b
             ON s._source = b._source AND s._row = b._row AND s._source_kind = b._source_kind AND s._loaded_at = b._loaded_at) AS not_in_bronze`);
      expect(c.keys).toBeGreaterThan(0);
      expect(c.kept).toBe(c.keys);
      expect(c.absorbed).toBeGreaterThan(0);
      expect(c.quarantined_and_absorbed).toBe(0);
      // Every bronze row is a summary's own, absorbed or quarantined, and once only.
      expect(Number(c.kept) + Number(c.absorbed) + Number(c.quarantined)).toBe(c.bronze);
      expect(c.distinct_rows).toBe(c.bronze);
      expect(Number(c.counted)).toBe(Number(c.kept) + Number(c.absorbed));
      expect(c.absorbed_by_no_summary).toBe(0);
      expect(c.not_in_bronze).toBe(0);
      const types = await columnTypes(engine, stage(name));
      expect(Object.keys(types).slice(-8)).toEqual(['_source', '_source_kind', '_row', '_loaded_at', '_reason', '_kept_source', '_kept_row', '_kind']);
    },
  );

  it('quarantines the geolocation points outside Brazil and summarises the good points of each zip prefix', async () => {
    const g = await one(engine, `SELECT
        count(*) FILTER (WHERE _reason LIKE 'point outside Brazil%') AS outside,
        count(*) FILTER (WHERE _reason IS NOT NULL) AS quarantined,
        (SELECT count(*) FROM bronze.geolocation
          WHERE NOT (TRY_CAST(geolocation_lat AS DOUBLE) BETWEEN -34 AND 6 AND TRY_CAST(geolocation_lng AS DOUBLE) BETWEEN -74 AND -34)) AS expected_outside,
        (SELECT count(*) FROM bronze.geolocation) AS bronze,
        (SELECT sum(points)::BIGINT FROM silver.geolocation) AS points
      FROM ${stage('geolocation')}`);
    expect(g.outside).toBeGreaterThan(0);
    expect(g.outside).toBe(g.expected_outside);
    expect(g.quarantined).toBe(g.outside);
    expect(g.points).toBe(Number(g.bronze) - Number(g.quarantined));
    // The summary computed again the plain way (type every point, then group) agrees on every zip.
    const differ = await rows(engine, `WITH typed AS (
        SELECT lpad(NULLIF(trim(geolocation_zip_code_prefix), ''), 5, '0') AS zip,
          TRY_CAST(NULLIF(trim(geolocation_lat), '') AS DOUBLE) AS lat, TRY_CAST(NULLIF(trim(geolocation_lng), '') AS DOUBLE) AS lng,
          NULLIF(lower(trim(geolocation_city)), '') AS city, NULLIF(upper(trim(geolocation_state)), '') AS state, _row, _source
        FROM bronze.geolocation),
      good AS (SELECT * FROM typed WHERE zip IS NOT NULL AND lat BETWEEN -34 AND 6 AND lng BETWEEN -74 AND -34),
      expected AS (SELECT zip, median(lat) AS lat, median(lng) AS lng, count(*) AS points, min(_row) AS first_row FROM good GROUP BY zip),
      cities AS (SELECT zip, city, count(*) AS n FROM good WHERE city IS NOT NULL GROUP BY ALL),
      states AS (SELECT zip, state, count(*) AS n FROM good WHERE state IS NOT NULL GROUP BY ALL),
      top_city AS (SELECT zip, first(city ORDER BY n DESC, city) AS city FROM cities GROUP BY zip),
      top_state AS (SELECT zip, first(state ORDER BY n DESC, state) AS state FROM states GROUP BY zip)
      SELECT coalesce(e.zip, s.geolocation_zip_code_prefix) AS zip
      FROM expected AS e LEFT JOIN top_city AS c USING (zip) LEFT JOIN top_state AS t USING (zip)
      FULL JOIN silver.geolocation AS s ON s.geolocation_zip_code_prefix = e.zip
      WHERE e.zip IS NULL OR s.geolocation_zip_code_prefix IS NULL OR s.points <> e.points
        OR abs(s.geolocation_lat - e.lat) > 1e-9 OR abs(s.geolocation_lng - e.lng) > 1e-9
        OR s.geolocation_city IS DISTINCT FROM c.city OR s.geolocation_state IS DISTINCT FROM t.state
        OR s._row <> e.first_row`);
    expect(differ).toEqual([]);
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
