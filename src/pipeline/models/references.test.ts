import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../engine/native/nativeEngine';
import { parseModel } from '../model';
import { bundledModelFiles } from './bundledModels';

/**
 * Our table-reference extraction (what the DAG is built from in every engine) agrees
 * with DuckDB's own parser on every shipped model. Native DuckDB has json_serialize_sql;
 * DuckDB-WASM offline does not, which is why the extraction exists.
 */
describe('model dependencies', () => {
  let engine: NativeEngine;
  beforeAll(async () => {
    engine = await NativeEngine.open();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('ships silver models for the nine sources and gold models', () => {
    const ids = bundledModelFiles.map(parseModel).map((m) => m.id);
    for (const s of ['customers', 'geolocation', 'orders', 'order_items', 'order_payments', 'order_reviews', 'products', 'sellers', 'category_translation']) {
      expect(ids).toContain(`silver.${s}`);
    }
    for (const g of ['customer_ltv', 'rfm', 'customer_segments', 'delivery_performance', 'delivery_by_state', 'revenue_by_category', 'revenue_by_state', 'revenue_monthly']) {
      expect(ids).toContain(`gold.${g}`);
    }
  });

  it.each(bundledModelFiles.map((f) => [f.path, f] as const))('%s: references match DuckDB\'s parse tree', async (_path, file) => {
    const model = parseModel(file);
    const json = (await engine.query(`SELECT json_serialize_sql(${sqlLiteral(file.sql)})::VARCHAR AS j`)).get(0)!.j as string;
    const tree = JSON.parse(json);
    expect(tree.error, tree.error_message).toBeFalsy();
    const fromDuckDB = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.type === 'BASE_TABLE' && typeof n.table_name === 'string') {
        // Unqualified names are CTEs: models qualify every table (models/README.md).
        if (n.schema_name) fromDuckDB.add(`${n.schema_name}.${n.table_name}`);
      }
      Object.values(n).forEach(walk);
    };
    walk(tree);
    expect([...fromDuckDB].sort()).toEqual([...model.references].sort());
  });
});

function sqlLiteral(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
