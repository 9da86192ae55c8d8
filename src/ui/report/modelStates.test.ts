import { describe, expect, it } from 'vitest';
import { modelStatesAfter } from './modelStates';

describe('modelStatesAfter', () => {
  const plan = modelStatesAfter(['silver.orders', 'gold.order_facts', 'gold.rfm'].map((name) => ({ name, status: 'pending' as const })));

  it('marks the first model running when the plan arrives', () => {
    expect(plan.map((s) => s.status)).toEqual(['running', 'pending', 'pending']);
  });

  it('records a finished model and moves on to the next pending one', () => {
    const after = modelStatesAfter(plan, { name: 'silver.orders', layer: 'silver', status: 'success', rows: 10, milliseconds: 5, depends_on: [] });
    expect(after).toEqual([
      { name: 'silver.orders', status: 'success', rows: 10, milliseconds: 5, error: undefined },
      { name: 'gold.order_facts', status: 'running' },
      { name: 'gold.rfm', status: 'pending' },
    ]);
    const failed = modelStatesAfter(after, { name: 'gold.order_facts', layer: 'gold', status: 'failed', rows: 0, milliseconds: 1, depends_on: [], error: 'boom' });
    expect(failed.map((s) => [s.status, s.error])).toEqual([['success', undefined], ['failed', 'boom'], ['running', undefined]]);
  });
});
