import { describe, expect, it } from 'vitest';
import { parseModel } from '../../pipeline/model';
import { bundledModelFiles } from '../../pipeline/models/bundledModels';
import { columnDescription } from './columnDescription';

const model = (id: string) => bundledModelFiles.map(parseModel).find((m) => m.id === id)!;

describe('columnDescription', () => {
  it('takes the clauses of the header that define the column', () => {
    expect(columnDescription(model('gold.customer_ltv'), 'avg_order_value')).toBe('avg_order_value = revenue / orders (DOUBLE, not rounded)');
    expect(columnDescription(model('gold.delivery_performance'), 'delay_days')).toContain("delay_days = date_diff('day', estimated_at::DATE, delivered_at::DATE)");
    expect(columnDescription(model('gold.order_facts'), 'is_revenue_bearing')).toMatch(/^is_revenue_bearing: order_status not 'canceled'/);
    expect(columnDescription(model('silver.customers'), 'customer_zip_code_prefix')).toMatch(/^customer_zip_code_prefix is 5-character text, left-padded with zeros/);
  });

  it('does not take a longer name that starts with the column, and says nothing when the header is silent', () => {
    expect(columnDescription({ docs: ['revenue_total = a sum; nothing else here.'] }, 'revenue')).toBeUndefined();
    expect(columnDescription({ docs: ['x = 1; revenue is money; revenue appears again'] }, 'revenue')).toBe('revenue is money');
    expect(columnDescription({ docs: ['The table lists orders, from silver.orders.'] }, 'order_id')).toBeUndefined();
  });

  it('describes the bronze columns every layer carries', () => {
    expect(columnDescription({ docs: [] }, '_source')).toMatch(/file the row came from/);
  });
});
