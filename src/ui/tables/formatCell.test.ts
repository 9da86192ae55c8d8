import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { formatCell } from './formatCell';

describe('formatCell on values as DuckDB-WASM returns them', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('formats money, timestamps, dates, bytes and markup as plain text', async () => {
    const t = await engine.query(`SELECT 50953.99::DECIMAL(12,2) AS revenue, -0.05::DECIMAL(12,2) AS refund, 7::DECIMAL(5,0) AS whole,
      TIMESTAMP '2018-03-10 08:25:24' AS purchased_at, DATE '2018-03-01' AS month, '\\x00\\xff'::BLOB AS raw,
      '<img src=x onerror=alert(1)>' AS comment, NULL::VARCHAR AS missing`);
    const row = t.get(0)!.toJSON();
    const text = Object.fromEntries(t.schema.fields.map((f) => [f.name, formatCell(row[f.name], f)]));
    expect(text).toEqual({
      revenue: '50953.99',
      refund: '-0.05',
      whole: '7',
      purchased_at: '2018-03-10 08:25:24',
      month: '2018-03-01',
      raw: '0x00ff',
      comment: '<img src=x onerror=alert(1)>',
      missing: '',
    });
  });
});
