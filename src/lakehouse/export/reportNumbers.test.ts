import { describe, expect, it } from 'vitest';
import { queryRows, useDemoLakehouse } from '../dashboard/testing/demoLakehouse';
import { reportNumbers } from './reportNumbers';

describe('reportNumbers', () => {
  const demo = useDemoLakehouse();

  it('agrees with gold computed another way', async () => {
    const numbers = Object.fromEntries((await reportNumbers(demo().engine)).map((n) => [n.label, n.value]));
    const [monthly] = await queryRows(demo(), 'SELECT sum(revenue)::DOUBLE AS revenue, sum(orders)::INTEGER AS orders FROM gold.revenue_monthly');
    expect(numbers['Revenue (items plus freight)']).toBeCloseTo(Number(monthly.revenue), 2);
    expect(numbers['Revenue-bearing orders']).toBe(monthly.orders);
    expect(numbers['Average order value']).toBeCloseTo(Number(monthly.revenue) / Number(monthly.orders), 6);
    const [customers] = await queryRows(demo(), 'SELECT count(DISTINCT customer_unique_id)::INTEGER AS n FROM gold.rfm');
    expect(numbers.Customers).toBe(customers.n);
    const share = numbers['Delivered on time']!;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThanOrEqual(1);
    expect(numbers['Median delivery time']).toBeGreaterThan(1);
  });
});
