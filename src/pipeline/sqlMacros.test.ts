import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/interface';
import { quoteLiteral } from '../engine/sql';
import { testEngines } from '../engine/testEngines';
import { createSqlMacros } from './sqlMacros';

// Text at the edges of quick_trim's shortcut: ASCII spaces, other Unicode spaces (NBSP,
// en space, ideographic space), characters trim keeps (tab, newline), non-ASCII inside.
const TEXTS = [
  'abc', ' abc', 'abc ', '  a b  ', '', ' ', 'a', '\tabc\n', ' \tabc\t ',
  '\u00a0abc', 'abc\u00a0', '\u2002abc\u3000', 'São Paulo', ' São Paulo ', 'ação', '\u00a0', 'x\u00a0y',
];

describe.each(testEngines)('quick_trim on the %s engine', (_kind, open) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
    await createSqlMacros(engine);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('returns exactly what trim returns, NULL included', async () => {
    const values = [...TEXTS.map(quoteLiteral), 'NULL'].map((v) => `(${v})`).join(', ');
    const rows = (await engine.query(`SELECT t, trim(t) AS trimmed, quick_trim(t) AS quick FROM (VALUES ${values}) AS v(t)`)).toArray();
    expect(rows).toHaveLength(TEXTS.length + 1);
    for (const r of rows) expect(r.quick, JSON.stringify(r.t)).toBe(r.trimmed);
    expect(rows.find((r) => r.t === '\u00a0abc')?.quick).toBe('abc');
    expect(rows.find((r) => r.t === '\tabc\n')?.quick).toBe('\tabc\n');
  });
});
