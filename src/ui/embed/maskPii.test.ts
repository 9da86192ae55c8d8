import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { createSessionMask, maskPiiColumns, MASK_MARK } from './maskPii';

describe('maskPiiColumns', () => {
  it('replaces every tagged column by session tokens and keeps the rest', async () => {
    const table = tableFromArrays({
      customer_unique_id: ['a1b2', 'c3d4', 'a1b2', null],
      customer_zip_code_prefix: ['01037', '01037', '99999', '01001'],
      customer_city: ['sao paulo', 'campinas', 'rio', 'x'],
      revenue: Float64Array.from([10.5, 20, 30, 40]),
    });
    const mask = await createSessionMask();
    const { table: out, masked } = await maskPiiColumns(table, mask);
    expect([...masked]).toEqual([
      ['customer_unique_id', 'customer id'],
      ['customer_zip_code_prefix', 'zip prefix'],
      ['customer_city', 'city'],
    ]);
    expect(out.schema.fields.map((f) => f.name)).toEqual(['customer_unique_id', 'customer_zip_code_prefix', 'customer_city', 'revenue']);
    const ids = [...out.getChild('customer_unique_id')!];
    expect(ids[0]).toMatch(new RegExp(`^${MASK_MARK}[0-9a-f]{8}$`));
    // The same value, the same token within a session; different values, different tokens; null stays null.
    expect(ids[2]).toBe(ids[0]);
    expect(ids[1]).not.toBe(ids[0]);
    expect(ids[3]).toBeNull();
    const zips = [...out.getChild('customer_zip_code_prefix')!];
    expect(zips[0]).toBe(zips[1]);
    for (const column of ['customer_unique_id', 'customer_zip_code_prefix', 'customer_city']) {
      for (const v of out.getChild(column)!) expect(JSON.stringify(table.toArray().map((r) => r.toJSON()))).not.toContain(`"${v}"`);
    }
    expect([...out.getChild('revenue')!]).toEqual([10.5, 20, 30, 40]);
  });

  it('gives other tokens in another session', async () => {
    const [a, b] = await Promise.all([createSessionMask(), createSessionMask()]);
    expect(await a('01037')).not.toBe(await b('01037'));
  });

  it('leaves a table without personal data as it is', async () => {
    const table = tableFromArrays({ customer_state: ['SP'], revenue: Float64Array.from([1]) });
    const { table: out, masked } = await maskPiiColumns(table, await createSessionMask());
    expect(out).toBe(table);
    expect(masked.size).toBe(0);
  });
});
