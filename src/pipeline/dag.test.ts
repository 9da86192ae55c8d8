import { describe, expect, it } from 'vitest';
import { rerunSet, resumeSet, topologicalOrder } from './dag';
import { parseModel } from './model';
import { bundledModelFiles } from './models/bundledModels';

const models = bundledModelFiles.map(parseModel);

describe('rerunSet', () => {
  it('is the model and every model that reads it, directly or through others', () => {
    expect(rerunSet(models, 'gold.customer_ltv').sort()).toEqual(['gold.customer_ltv', 'gold.customer_segments', 'gold.revenue_reconciliation', 'gold.rfm']);
    expect(rerunSet(models, 'gold.rfm')).toEqual(['gold.rfm']);
    // silver.products reads silver.category_translation, and revenue_by_category reads products.
    expect(rerunSet(models, 'silver.category_translation').sort()).toEqual(['gold.revenue_by_category', 'gold.revenue_reconciliation', 'silver.category_translation', 'silver.products']);
  });

  it('reaches every gold table from silver.orders, and no other silver table', () => {
    const set = rerunSet(models, 'silver.orders');
    expect(set.filter((id) => id.startsWith('silver.'))).toEqual(['silver.orders']);
    expect(set.filter((id) => id.startsWith('gold.')).sort()).toEqual(models.filter((m) => m.layer === 'gold').map((m) => m.id).sort());
  });

  it('refuses a model that does not exist', () => {
    expect(() => rerunSet(models, 'gold.nope')).toThrow('there is no model gold.nope');
  });
});

describe('resumeSet', () => {
  const succeeded = (except: string[]) => models.filter((m) => !except.includes(m.id)).map((m) => ({ name: m.id, status: 'success' }));

  it('is nothing when every model succeeded', () => {
    expect(resumeSet(models, succeeded([]))).toEqual([]);
  });

  it('is the failed and skipped models and what reads them, in run order, never what succeeded apart from them', () => {
    const previous = [...succeeded(['gold.customer_ltv', 'gold.rfm']), { name: 'gold.customer_ltv', status: 'failed' }, { name: 'gold.rfm', status: 'skipped' }];
    const set = resumeSet(models, previous);
    expect([...set].sort()).toEqual(rerunSet(models, 'gold.customer_ltv').sort());
    expect(set).toEqual(topologicalOrder(models).map((m) => m.id).filter((id) => set.includes(id)));
  });

  it('includes a model the previous run did not have', () => {
    expect(resumeSet(models, succeeded(['gold.rfm']))).toEqual(['gold.rfm']);
  });
});
