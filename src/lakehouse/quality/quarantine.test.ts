import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../engine/testEngines';
import { bundledModelFiles } from '../../pipeline/models/bundledModels';
import { Lakehouse } from '../lakehouse';

const utf8 = (s: string) => new TextEncoder().encode(s);

// Row 2 has a purchase time that is not a timestamp, rows 3 and 4 no order_id (silver
// quarantines them); line 6 has a field too many (the CSV reader rejects it at ingest).
const ORDERS = `order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date
o1,c1,delivered,2018-01-01 10:00:00,,,,
o2,c2,delivered,yesterday,,,,
,c3,delivered,2018-01-03 10:00:00,,,,
,c4,delivered,2018-01-04 10:00:00,,,,
o5,c5,delivered,2018-01-05 10:00:00,,,,,extra
o6,c6,shipped,2018-01-06 10:00:00,,,,
`;

describe.each(testEngines)('quarantine on the %s engine', (_kind, open) => {
  let lake: Lakehouse;
  beforeAll(async () => {
    lake = new Lakehouse(await open());
    await lake.load([{ path: 'shop/olist_orders_dataset.csv', bytes: utf8(ORDERS) }]);
    await lake.runPipeline(bundledModelFiles);
  });
  afterAll(async () => {
    await lake?.engine.close();
  });

  it('counts each table’s rows by stage and kind of reason', async () => {
    expect(await lake.quarantineGroups()).toEqual([
      { table: 'orders', stage: 'silver', kind: 'order_id missing', rows: 2 },
      { table: 'orders', stage: 'ingest', kind: 'TOO MANY COLUMNS', rows: 1 },
      { table: 'orders', stage: 'silver', kind: 'order_purchase_timestamp is not a timestamp', rows: 1 },
    ]);
  });

  it('shows the rows of one kind, reason first, with their raw values', async () => {
    const rows = tableFromIPC(await lake.quarantineRowsIPC('orders', 'order_purchase_timestamp is not a timestamp')).toArray().map((r) => r.toJSON());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ _reason: 'order_purchase_timestamp is not a timestamp: yesterday', _stage: 'silver', order_id: 'o2', order_purchase_timestamp: 'yesterday' });
    const all = tableFromIPC(await lake.quarantineRowsIPC('orders'));
    expect(all.numRows).toBe(4);
    expect(all.schema.fields.slice(0, 2).map((f) => f.name)).toEqual(['_reason', '_stage']);
  });

  it('takes table names and kinds as values, never as SQL', async () => {
    await expect(lake.quarantineRowsIPC('orders" WHERE 1=1; DROP TABLE bronze.orders; --')).rejects.toThrow('There is no quarantine table orders" WHERE');
    expect(tableFromIPC(await lake.quarantineRowsIPC('orders', "x' OR '1'='1")).numRows).toBe(0);
    expect((await lake.tables()).some((t) => t.layer === 'bronze' && t.name === 'orders')).toBe(true);
  });
});
