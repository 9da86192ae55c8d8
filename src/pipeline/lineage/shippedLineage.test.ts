import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../engine/native/nativeEngine';
import { bundledModelFiles } from '../models/bundledModels';
import { parseModel } from '../model';
import { deriveLineage, renderLineageFile } from './deriveLineage';
import { bundledLineage, downstreamOf, lineageOf, type ColumnSource } from './lineageFile';

/** The committed src/pipeline/models/lineage.json: fresh, complete, and right on known columns. */
const show = (sources: ColumnSource[] | undefined) => sources?.map((s) => `${s.table}.${s.column}`);
const bronze = (model: string, column: string) => show(lineageOf(model, column)?.bronze);
const direct = (model: string, column: string) => show(lineageOf(model, column)?.direct);

describe('shipped lineage (src/pipeline/models/lineage.json)', () => {
  let engine: NativeEngine;
  beforeAll(async () => {
    engine = await NativeEngine.open();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('is what `npm run lineage` derives from the models now', async () => {
    const derived = renderLineageFile(await deriveLineage(engine, bundledModelFiles));
    const committed = await readFile(fileURLToPath(new URL('../models/lineage.json', import.meta.url)), 'utf8');
    expect(committed, 'src/pipeline/models/lineage.json is stale: run `npm run lineage`').toBe(derived);
  });

  it('covers every shipped model', () => {
    expect(Object.keys(bundledLineage.models)).toEqual(bundledModelFiles.map(parseModel).map((m) => m.id).sort());
  });

  it('traces silver columns to their bronze column', () => {
    expect(direct('silver.customers', 'customer_zip_code_prefix')).toEqual(['bronze.customers.customer_zip_code_prefix']);
    expect(bronze('silver.products', 'product_name_length')).toEqual(['bronze.products.product_name_lenght']);
    expect(bronze('silver.products', 'product_category_name_english')).toEqual([
      'bronze.category_translation.product_category_name_english',
      'bronze.products.product_category_name',
    ]);
    expect(bronze('silver.geolocation', 'geolocation_lat')).toEqual(['bronze.geolocation.geolocation_lat']);
    expect(bronze('silver.orders', '_reason')).toContain('bronze.orders.order_purchase_timestamp');
  });

  it('traces gold revenue to item price and freight, through gold.order_facts', () => {
    expect(direct('gold.revenue_by_state', 'revenue')).toEqual(['gold.order_facts.revenue']);
    expect(bronze('gold.revenue_by_state', 'revenue')).toEqual(['bronze.order_items.freight_value', 'bronze.order_items.price']);
    expect(direct('gold.order_facts', 'revenue')).toEqual(['silver.order_items.freight_value', 'silver.order_items.price']);
    expect(bronze('gold.revenue_by_category', 'category')).toEqual([
      'bronze.category_translation.product_category_name_english',
      'bronze.products.product_category_name',
    ]);
  });

  it('traces gold.rfm through gold.customer_ltv: scores from the purchase timestamp, money from the items', () => {
    // r_score ranks by recency (purchase timestamps) with customer_unique_id breaking ties;
    // f_score is the order count (count(*): no column).
    expect(bronze('gold.rfm', 'segment')).toEqual(['bronze.customers.customer_unique_id', 'bronze.orders.order_purchase_timestamp']);
    expect(direct('gold.rfm', 'segment')).toEqual([
      'gold.customer_ltv.customer_unique_id',
      'gold.customer_ltv.last_purchase_at',
      'gold.customer_ltv.orders',
      'silver.orders.order_purchase_timestamp',
    ]);
    expect(bronze('gold.rfm', 'm_score')).toEqual(['bronze.customers.customer_unique_id', 'bronze.order_items.freight_value', 'bronze.order_items.price']);
    expect(bronze('gold.rfm', 'frequency')).toEqual([]);
  });

  it('finds what is computed from a bronze column', () => {
    const readers = show(downstreamOf({ table: 'bronze.order_items', column: 'price' }))!;
    expect(readers).toEqual(expect.arrayContaining(['silver.order_items.price', 'gold.order_facts.revenue', 'gold.rfm.monetary', 'gold.revenue_reconciliation.revenue']));
    expect(readers).not.toContain('gold.rfm.segment');
  });
});
