import { describe, expect, it } from 'vitest';
import { goldSnapshots, silverSnapshots } from './generatedLakehouse';
import { GOLD, SILVER, type Row } from './testHarness';

/**
 * Every silver and gold table built from the generated Olist data is the same on the wasm
 * and the native engine. Registered by generatedData.test.ts after the cases of both
 * engines, whose beforeAll hooks take the snapshots compared here.
 */
export function engineParityCases(): void {
  describe('native and wasm agree', () => {
    const compare = (snapshots: Map<string, Map<string, Row[]>>, model: string) => {
      const [wasm, native] = [snapshots.get('wasm')?.get(model), snapshots.get('native')?.get(model)];
      expect(wasm, 'wasm result').toBeDefined();
      expect(native, 'native result').toBeDefined();
      expect(wasm!.length).toBe(native!.length);
      wasm!.forEach((row, i) => {
        const other = native![i]!;
        expect(Object.keys(row)).toEqual(Object.keys(other));
        for (const [column, value] of Object.entries(row)) {
          const where = `${model} row ${i} ${column}`;
          if (typeof value === 'number' && typeof other[column] === 'number') {
            expect(Math.abs(value - (other[column] as number)), where).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
          } else {
            expect(value, where).toEqual(other[column]);
          }
        }
      });
    };
    it.each(GOLD.map((m) => m.id))('%s is the same on both engines', (model) => compare(goldSnapshots, model));
    it.each(SILVER.map((m) => m.id))('%s is the same on both engines', (model) => compare(silverSnapshots, model));
  });
}
