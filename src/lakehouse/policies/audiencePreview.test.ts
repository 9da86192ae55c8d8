import { tableFromIPC } from 'apache-arrow';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { bundledModelFiles } from '../../pipeline/models/bundledModels';
import { useDemoLakehouse } from '../dashboard/testing/demoLakehouse';
import { previewAudience } from './audiencePreview';

const POLICIES = readFileSync(new URL('../../../policies/demo.yaml', import.meta.url), 'utf8');

describe('view as audience (DuckDB-WASM, the browser engine)', () => {
  const lakehouse = useDemoLakehouse();
  let target: Engine;
  beforeAll(async () => (target = await createNodeWasmEngine()), 60_000);
  afterAll(() => target?.close());

  it('builds the extract in a second engine, as publish does, leaving the lakehouse as it was', async () => {
    const source = lakehouse().engine;
    const count = async () => (await source.query('SELECT count(*)::INTEGER AS n FROM gold.revenue_by_state')).get(0)!.n;
    const before = await count();
    const preview = await previewAudience(source, target, POLICIES, 'south-east', {}, bundledModelFiles);
    const byState = preview.tables.find((t) => t.name === 'revenue_by_state')!;
    expect(tableFromIPC(byState.ipc).toArray().map((r) => r.customer_state).sort()).toEqual(['RJ', 'SP']);
    const ltv = preview.tables.find((t) => t.name === 'customer_ltv')!;
    expect(ltv.columns.filter((c) => c.access !== 'clear').map((c) => c.access)).toEqual(['hash', 'round(-1)', 'null']);
    expect(tableFromIPC(ltv.ipc).toArray().every((r) => /^h:[0-9a-f]{16}$/.test(r.customer_unique_id) && r.predicted_clv === null)).toBe(true);
    expect(preview.tables.some((t) => t.schema === 'dashboard' && t.name === 'index_revenue_by_state' && t.rows > 0)).toBe(true);
    expect(await count()).toBe(before);
    expect(before).toBeGreaterThan(2);
  }, 240_000);
});
