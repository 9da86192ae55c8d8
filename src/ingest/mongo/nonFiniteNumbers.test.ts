import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { ensureLayerSchemas } from '../../pipeline/layers';
import { loadMongoJson } from './loadMongoJson';
import { replaceNonFiniteNumbers } from './nonFiniteNumbers';
import { ctx, fixture, rows } from './testing/mongoFixtures';

describe('replaceNonFiniteNumbers', () => {
  it('turns the bare words into canonical doubles, outside strings and only where a value goes', () => {
    expect(replaceNonFiniteNumbers('{"a": NaN, "b": [Infinity,-Infinity], "c": "NaN, Infinity", "d": {"NaN": 1}}')).toEqual({
      text: '{"a": {"$numberDouble":"NaN"}, "b": [{"$numberDouble":"Infinity"},{"$numberDouble":"-Infinity"}], "c": "NaN, Infinity", "d": {"NaN": 1}}',
      count: 3,
    });
    expect(replaceNonFiniteNumbers('{"a": NaNa, "b": Infinityx}').count).toBe(0);
    expect(replaceNonFiniteNumbers('{"a": "x\\" NaN"}').count).toBe(0);
  });
});

/**
 * fixtures/mongo/python: what Python's json.dumps and PyMongo's bson.json_util wrote
 * (make_fixtures.py). The bare NaN / Infinity / -Infinity of json.dumps and legacy
 * json_util load as the doubles they stand for, as json_util's relaxed form does.
 */
describe.each(testEngines)("Python's NaN and Infinity on the %s engine", (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
    await ensureLayerSchemas(engine);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it.each(['json_dumps.json', 'json_util_legacy.json', 'json_util_relaxed.json'])('%s: every document loads, the values as doubles, with a note', async (name) => {
    const loaded = await loadMongoJson(engine, fixture(`python/${name}`), ctx());
    expect([loaded.rows, loaded.quarantined]).toEqual([4, 0]);
    const values = await rows(engine, `SELECT product_id, product_weight_g::VARCHAR AS weight, rating::VARCHAR AS rating, typeof(rating) AS type FROM bronze.products WHERE _source = 'python/${name}' ORDER BY _row`);
    expect(values).toEqual([
      { product_id: 'p1', weight: expect.stringMatching(/^225(\.0)?$/), rating: '4.5', type: 'DOUBLE' },
      { product_id: 'p2', weight: 'nan', rating: 'inf', type: 'DOUBLE' },
      { product_id: 'p3', weight: expect.stringMatching(/^1200(\.0)?$/), rating: '-inf', type: 'DOUBLE' },
      { product_id: 'p4', weight: 'nan', rating: 'nan', type: 'DOUBLE' },
    ]);
    expect((await rows(engine, `SELECT note FROM bronze.products WHERE _source = 'python/${name}' AND note IS NOT NULL`))[0]).toEqual({ note: 'NaN and Infinity inside a string stay text' });
    // json_util's relaxed form writes {"$numberDouble": "NaN"}: valid Extended JSON, nothing to say.
    expect(loaded.notes ?? []).toEqual(name === 'json_util_relaxed.json' ? [] : [expect.stringMatching(/^5 value\(s\) written as bare NaN, Infinity or -Infinity \(as Python's json module/)]);
  });
});
