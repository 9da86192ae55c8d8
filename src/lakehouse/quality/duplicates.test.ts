import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../engine/testEngines';
import { bundledModelFiles } from '../../pipeline/models/bundledModels';
import type { PipelineRun } from '../../pipeline/runner';
import { Lakehouse } from '../lakehouse';

const utf8 = (s: string) => new TextEncoder().encode(s);

// o1 three times: row 3 repeats row 1 exactly (padded key), row 4 has another status.
const ORDERS = `order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date
o1,c1,delivered,2018-01-01 10:00:00,,,,
o2,c2,delivered,2018-01-02 10:00:00,,,,
 o1 ,c1,delivered,2018-01-01 10:00:00,,,,
o1,c1,canceled,2018-01-01 10:00:00,,,,
`;

describe.each(testEngines)('dropped duplicates on the %s engine', (_kind, open) => {
  let lake: Lakehouse;
  let run: PipelineRun;
  beforeAll(async () => {
    lake = new Lakehouse(await open());
    await lake.load([{ path: 'shop/olist_orders_dataset.csv', bytes: utf8(ORDERS) }]);
    run = await lake.runPipeline(bundledModelFiles);
  });
  afterAll(async () => {
    await lake?.engine.close();
  });

  it('counts each table’s dropped duplicates by kind, the same as the run', async () => {
    expect(await lake.duplicateGroups()).toEqual([
      { table: 'orders', kind: 'conflicting', rows: 1 },
      { table: 'orders', kind: 'exact', rows: 1 },
    ]);
    expect(run.models.find((m) => m.name === 'silver.orders')?.balance).toEqual({ bronze: 4, silver: 2, quarantined: 0, exactDuplicates: 1, conflictingDuplicates: 1 });
  });

  it('shows each dropped row as bronze has it, with the row silver kept instead', async () => {
    const rows = tableFromIPC(await lake.duplicateRowsIPC('orders')).toArray().map((r) => r.toJSON());
    expect(rows.map((r) => [r._kind, r._kept_row, r._row, r.order_id, r.order_status])).toEqual([
      ['exact', 1n, 3n, ' o1 ', 'delivered'],
      ['conflicting', 1n, 4n, 'o1', 'canceled'],
    ]);
    expect(tableFromIPC(await lake.duplicateRowsIPC('orders', 'conflicting')).numRows).toBe(1);
  });

  it('is listed, saved and exported as a layer of its own', async () => {
    expect((await lake.tables()).filter((t) => t.layer === 'duplicates').map((t) => [t.name, t.rows])).toContainEqual(['orders', 2]);
    await expect(lake.duplicateRowsIPC('orders"; DROP TABLE bronze.orders; --')).rejects.toThrow('There is no duplicates table');
  });
});
