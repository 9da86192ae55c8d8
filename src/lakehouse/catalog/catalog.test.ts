import { describe, expect, it } from 'vitest';
import { useDemoLakehouse } from '../dashboard/testing/demoLakehouse';

/* The catalog of the generated Olist data (sf 0.01) as the worker builds it. */
describe('catalog', () => {
  const lakehouse = useDemoLakehouse();

  it('lists every table of every layer with rows, types, descriptions, files and PII tags', async () => {
    const catalog = await lakehouse().catalog();
    const tables = await lakehouse().tables();
    expect(catalog.map((t) => `${t.layer}.${t.name}:${t.rows}`)).toEqual(tables.map((t) => `${t.layer}.${t.name}:${t.rows}`));
    const table = (id: string) => catalog.find((t) => `${t.layer}.${t.name}` === id)!;

    const ltv = table('gold.customer_ltv');
    expect(ltv.description).toBe('Customer lifetime value: what each person has bought, and a 12-month prediction.');
    expect(ltv.key).toEqual(['customer_unique_id']);
    expect(ltv.columns.find((c) => c.name === 'revenue')).toMatchObject({ type: 'DECIMAL(12,2)', lineage: true });
    expect(ltv.columns.find((c) => c.name === 'customer_unique_id')).toMatchObject({ pii: 'customer id' });
    expect(ltv.columns.find((c) => c.name === 'avg_order_value')?.description).toMatch(/^avg_order_value = revenue \/ orders/);

    const customers = table('silver.customers');
    expect(Object.fromEntries(customers.columns.filter((c) => c.pii).map((c) => [c.name, c.pii]))).toEqual({
      customer_id: 'customer id',
      customer_unique_id: 'customer id',
      customer_zip_code_prefix: 'zip prefix',
      customer_city: 'city',
    });

    const bronze = table('bronze.orders');
    expect(bronze.files).toEqual(['olist_orders_dataset.csv']);
    expect(bronze.columns.every((c) => !c.lineage)).toBe(true);
    expect(bronze.columns.find((c) => c.name === '_source')?.description).toMatch(/file the row came from/);
  });

  it('traces a gold column back to bronze columns and the files they were loaded from', () => {
    const path = lakehouse().lineagePath('gold.rfm', 'monetary')!;
    expect(path.sources.map((s) => `${s.table}.${s.column}`)).toEqual(['gold.customer_ltv.revenue']);
    const ends: string[] = [];
    const walk = (n: typeof path): void => void (n.files ? ends.push(`${n.table}.${n.column} <- ${n.files.join()}`) : n.sources.forEach(walk));
    walk(path);
    expect([...new Set(ends)].sort()).toEqual(['bronze.order_items.freight_value <- olist_order_items_dataset.csv', 'bronze.order_items.price <- olist_order_items_dataset.csv']);
  });
});
