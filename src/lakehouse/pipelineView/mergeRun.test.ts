import { describe, expect, it } from 'vitest';
import type { ExpectationResult } from '../../pipeline/expectations/runExpectation';
import type { ModelRun, PipelineRun } from '../../pipeline/runner';
import { mergeRun } from './mergeRun';

const model = (name: string, ms: number, status: ModelRun['status'] = 'success'): ModelRun => ({ name, layer: name.split('.')[0]!, status, rows: 1, milliseconds: ms, depends_on: [] });
const check = (m: string, name: string, status: ExpectationResult['status'] = 'pass', severity: ExpectationResult['severity'] = 'error'): ExpectationResult => ({ model: m, name, kind: 'sql', severity, status, failing: status === 'pass' ? 0 : 1, samples: [], sql: '' });

const previous: PipelineRun = {
  models: [model('silver.a', 10), model('gold.b', 20), model('gold.c', 30)],
  expectations: [check('silver.a', 'a1'), check('gold.b', 'b1'), check('gold.b', 'b2'), check('gold.c', 'c1', 'fail', 'warn')],
  ok: true,
  milliseconds: 100,
};

describe('mergeRun', () => {
  it('replaces the re-run models and their expectations in place, keeping the others', () => {
    const merged = mergeRun(previous, { models: [model('gold.b', 5)], expectations: [check('gold.b', 'b1'), check('gold.b', 'b2', 'fail')], ok: false, milliseconds: 7 });
    expect(merged.models.map((m) => `${m.name}:${m.milliseconds}`)).toEqual(['silver.a:10', 'gold.b:5', 'gold.c:30']);
    expect(merged.expectations.map((e) => `${e.model}:${e.name}:${e.status}`)).toEqual(['silver.a:a1:pass', 'gold.b:b1:pass', 'gold.b:b2:fail', 'gold.c:c1:fail']);
    // An error-severity expectation now fails: the whole state is not ok.
    expect(merged.ok).toBe(false);
    expect(merged.milliseconds).toBe(100);
  });

  it('is ok again when the re-run fixes what failed, and takes a partial run when there was no run before', () => {
    const failing = mergeRun(previous, { models: [model('gold.c', 1, 'failed')], expectations: [], ok: false, milliseconds: 1 });
    expect(failing.ok).toBe(false);
    expect(failing.expectations.some((e) => e.model === 'gold.c')).toBe(false);
    const fixed = mergeRun(failing, { models: [model('gold.c', 2)], expectations: [check('gold.c', 'c1')], ok: true, milliseconds: 2 });
    expect(fixed.ok).toBe(true);
    const partial = { models: [model('gold.b', 1)], expectations: [], ok: true, milliseconds: 1 };
    expect(mergeRun(undefined, partial)).toBe(partial);
  });
});
