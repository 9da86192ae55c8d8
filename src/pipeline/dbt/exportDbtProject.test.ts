import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bundledModelFiles } from '../models/bundledModels';
import { parseModel } from '../model';
import { bundledDbtSql } from './dbtSql';
import { exportDbtProject } from './exportDbtProject';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const models = bundledModelFiles.map(parseModel);
const files = exportDbtProject(models, undefined, undefined, sha256);

describe('src/pipeline/models/dbtSql.json (the Spark translation, npm run translate-models)', () => {
  it('is current: one entry per shipped model, translated from its file as it is now', () => {
    expect(Object.keys(bundledDbtSql.models).sort()).toEqual(models.map((m) => m.id).sort());
    for (const file of bundledModelFiles) {
      const id = parseModel(file).id;
      expect(bundledDbtSql.models[id].sha256, `${file.path} changed since its translation: run \`npm run translate-models\``).toBe(sha256(file.sql));
    }
  });
});

describe('exportDbtProject', () => {
  it('writes the project files, and three dbt models per silver model, one per gold model', () => {
    for (const path of ['dbt_project.yml', 'profiles.yml', 'models/sources.yml', 'models/silver/schema.yml', 'models/gold/schema.yml', 'macros/register_bronze.sql', 'tests/generic/range_between.sql']) {
      expect(files[path], path).toBeTruthy();
    }
    for (const m of models) {
      const expected =
        m.layer === 'gold'
          ? [`models/gold/gold_${m.name}.sql`]
          : [`models/silver/silver_${m.name}.sql`, `models/silver_staging/silver_staging_${m.name}.sql`, `models/quarantine/quarantine_${m.name}.sql`];
      for (const path of expected) expect(files[path], path).toContain(`alias='${m.name}'`);
    }
  });

  it('refers only to models and sources it exports (so dbt derives the same DAG)', () => {
    const modelNames = new Set(Object.keys(files).filter((p) => /^models\/.*\.sql$/.test(p)).map((p) => p.replace(/^.*\/|\.sql$/g, '')));
    const refs = Object.values(files).flatMap((text) => [...text.matchAll(/ref\('([a-z_]+)'\)/g)].map((m) => m[1]));
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) expect(modelNames, ref).toContain(ref);
    const sources = Object.values(files).flatMap((text) => [...text.matchAll(/source\('bronze', '([a-z_]+)'\)/g)].map((m) => m[1]));
    expect(new Set(sources)).toEqual(new Set(models.filter((m) => m.layer === 'silver').map((m) => m.name)));
    // gold.rfm reads silver.orders and gold.customer_ltv, in both dialects.
    expect(files['models/gold/gold_rfm.sql'].match(/ref\('silver_orders'\)/g)).toHaveLength(2);
    expect(files['models/gold/gold_rfm.sql'].match(/ref\('gold_customer_ltv'\)/g)).toHaveLength(2);
  });

  it('keeps the DuckDB SQL as written and switches to the Spark translation on other targets', () => {
    const rfm = files['models/gold/gold_rfm.sql'];
    expect(rfm).toMatch(/\{% if target.type == 'duckdb' %\}[\s\S]*date_diff\('day', l.last_purchase_at::DATE, r.reference_date\)[\s\S]*\{% else %\}[\s\S]*DATEDIFF\(CAST\(r.reference_date AS DATE\), CAST\(CAST\(l.last_purchase_at AS DATE\) AS DATE\)\)[\s\S]*\{% endif %\}/);
  });

  it('does in dbt what the runner does to silver: first good row per key by _row, then _source; quarantine with _reason', () => {
    expect(files['models/silver/silver_order_items.sql']).toContain('row_number() OVER (PARTITION BY order_id, order_item_id ORDER BY _row, _source) AS _first');
    expect(files['models/silver/silver_order_items.sql']).toMatch(/^SELECT order_id, order_item_id, product_id, seller_id, shipping_limit_date, price, freight_value, _source, _source_kind, _row, _loaded_at$/m);
    expect(files['models/silver/silver_geolocation.sql']).not.toContain('row_number');
    expect(files['models/quarantine/quarantine_orders.sql']).toContain("SELECT b.*, s._reason, 'silver' AS _stage");
  });

  it('maps expectations to dbt tests, with severity, and tags personal data', () => {
    const silver = files['models/silver/schema.yml'];
    const gold = files['models/gold/schema.yml'];
    expect(silver).toMatch(/name: "order_status"[\s\S]*?accepted_values:\n\s+arguments:\n\s+values:\n\s+- "created"[\s\S]*?severity: "warn"/);
    expect(silver).toMatch(/unique_combination:\n\s+arguments:\n\s+combination:\n\s+- "order_id"\n\s+- "order_item_id"/);
    expect(silver).toMatch(/name: "price"[\s\S]*?range_between:\n\s+arguments:\n\s+min_value: 0\n/);
    expect(silver).toMatch(/relationships:\n\s+arguments:\n\s+to: "ref\('silver_customers'\)"\n\s+field: "customer_id"/);
    expect(silver).toMatch(/name: "customer_unique_id"\n\s+meta:\n\s+pii: "customer id"\n\s+tags:\n\s+- "pii"/);
    expect(gold).toMatch(/row_count_between:\n\s+arguments:\n\s+min_value: 6\n\s+max_value: 6/);
    expect(gold).toMatch(/name: "gold_rfm"[\s\S]*?name: "segment"[\s\S]*?accepted_values/);
    expect(files['tests/gold_revenue_reconciliation__every_revenue_total_equals_gold_order_facts_to_the_cent.sql']).toContain("FROM {{ ref('gold_revenue_reconciliation') }} WHERE revenue_difference <> 0");
    expect(files['tests/silver_orders__delivered_orders_have_a_delivery_date.sql']).toContain("{{ config(severity='warn') }}");
  });

  it('refuses a model whose SQL changed since its translation, or that has none, naming it', () => {
    const changed = models.map((m) => (m.id === 'gold.rfm' ? { ...m, sql: m.sql.replace('NTILE(5)', 'NTILE(4)') } : m));
    expect(() => exportDbtProject(changed, undefined, undefined, sha256)).toThrow(/gold\/rfm\.sql: changed since its Spark translation/);
    const missing = { ...bundledDbtSql, models: { ...bundledDbtSql.models } };
    delete missing.models['silver.orders'];
    expect(() => exportDbtProject(models, missing)).toThrow(/silver\/orders\.sql: no Spark translation/);
  });
});

describe('dbtProjectZip (the Export view download)', () => {
  it('zips the same files as the CLI writes, under one folder', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const { dbtProjectZip } = await import('./dbtProjectZip');
    const unzipped = unzipSync(dbtProjectZip());
    expect(Object.keys(unzipped).sort()).toEqual(Object.keys(files).map((p) => `pocket-lakehouse-dbt/${p}`).sort());
    expect(strFromU8(unzipped['pocket-lakehouse-dbt/models/gold/gold_rfm.sql'])).toBe(files['models/gold/gold_rfm.sql']);
  });
});
