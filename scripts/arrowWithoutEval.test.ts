import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { arrowWithoutEval } from './arrowWithoutEval.mjs';

/** The rewritten null check must agree with apache-arrow's own (eval-based) one. */
describe('arrowWithoutEval', () => {
  const path = join(createRequire(import.meta.url).resolve('apache-arrow').replace(/Arrow\.node\.js$|[^/]+$/, ''), 'builder', 'valid.mjs');

  it('replaces createIsValidFunction without changing what it decides', async () => {
    const original = readFileSync(path, 'utf8');
    const plugin = arrowWithoutEval() as unknown as { transform(code: string, id: string): { code: string } };
    const rewritten = plugin.transform(original, path).code;
    expect(rewritten).not.toContain('new Function');
    const dir = mkdtempSync(join(tmpdir(), 'arrow-valid-'));
    // valid.mjs imports nothing but pretty printers; give both copies their module.
    const fix = (code: string) => code.replace(/from '\.\.\/util\/pretty\.mjs'/, `from ${JSON.stringify(pathToFileURL(join(path, '../../util/pretty.mjs')).href)}`);
    writeFileSync(join(dir, 'old.mjs'), fix(original));
    writeFileSync(join(dir, 'new.mjs'), fix(rewritten));
    const before = (await import(pathToFileURL(join(dir, 'old.mjs')).href)).createIsValidFunction;
    const after = (await import(pathToFileURL(join(dir, 'new.mjs')).href)).createIsValidFunction;
    const cases = [[null, undefined], [null, Number.NaN], ['N/A', 0, -1n], [], undefined];
    const values = [null, undefined, Number.NaN, 0, -0, 1, 'N/A', '', -1n, 1n, false];
    for (const nulls of cases) {
      const a = before(nulls);
      const b = after(nulls);
      for (const v of values) expect(b(v), `${String(nulls)} / ${String(v)}`).toBe(a(v));
    }
  });
});
