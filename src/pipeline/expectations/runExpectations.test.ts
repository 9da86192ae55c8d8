import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import type { ExpectationSpec } from './expectationSpec';
import { runExpectation, runExpectations, type ExpectationCheck } from './runExpectation';

const spec = (kind: ExpectationSpec['kind'], ...args: string[]): ExpectationSpec => ({ kind, args, severity: 'error', name: `${kind}(${args.join('; ')})` });

describe.each(testEngines)('expectations counted in batches on %s', (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
    await engine.exec(`CREATE SCHEMA IF NOT EXISTS silver;
      CREATE OR REPLACE TABLE silver.t AS SELECT * FROM (VALUES (1, 'a', 10), (2, NULL, 20), (2, 'c', -5), (4, 'd', 99)) AS v(id, name, amount)`);
  });
  afterAll(async () => engine.close());

  const checks: ExpectationCheck[] = [
    { model: 'silver.t', table: 'silver.t', spec: spec('not_null', 'name') }, // 1 failing
    { model: 'silver.t', table: 'silver.t', spec: spec('unique', 'id') }, // 1 key repeats
    { model: 'silver.t', table: 'silver.t', spec: spec('range', 'amount', '0', '50') }, // 2 failing
    { model: 'silver.t', table: 'silver.t', spec: spec('sql', 'bad query', 'SELECT * FROM silver.t WHERE no_such_column > 0') }, // an error of its own
    { model: 'silver.t', table: 'silver.t', spec: spec('relationships', 'id', 'silver.absent.id') }, // skipped
    { model: 'silver.t', table: 'silver.t', spec: spec('accepted_values', 'name', 'a, c, d') }, // passes
  ];

  it('gives every expectation the result it gets alone, in order, with one broken query kept to itself', async () => {
    const exists = (t: string) => t !== 'silver.absent';
    const batched = await runExpectations(engine, checks, exists);
    const alone = [];
    for (const c of checks) alone.push(await runExpectation(engine, c.model, c.table, c.spec, exists));
    const comparable = (r: { milliseconds?: number }) => ({ ...r, milliseconds: undefined });
    expect(batched.map(comparable)).toEqual(alone.map(comparable));
    expect(batched.map((r) => [r.status, r.failing])).toEqual([
      ['fail', 1],
      ['fail', 1],
      ['fail', 2],
      ['error', 0],
      ['skipped', 0],
      ['pass', 0],
    ]);
    expect(batched[3]!.message).toMatch(/Binder Error.*no_such_column/);
    expect(batched[2]!.samples.map((s) => s.amount)).toEqual(['-5', '99']);
  });

  it('counts many expectations in one query', async () => {
    const queries: string[] = [];
    const counting: Engine = Object.assign(Object.create(engine) as Engine, {
      query: (sql: string) => {
        queries.push(sql);
        return engine.query(sql);
      },
    });
    const passing = Array.from({ length: 10 }, (_, i) => ({ model: 'silver.t', table: 'silver.t', spec: spec('range', 'amount', String(-100 - i), '1000') }));
    const results = await runExpectations(counting, passing);
    expect(results.every((r) => r.status === 'pass')).toBe(true);
    expect(queries).toHaveLength(1);
  });
});
