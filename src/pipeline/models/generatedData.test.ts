import { describe } from 'vitest';
import { testEngines } from '../../engine/testEngines';
import { engineParityCases } from './engineParity.cases';
import { useGeneratedLakehouse } from './generatedLakehouse';
import { goldCases } from './gold.cases';
import { silverCases } from './silver.cases';

/*
 * The silver and gold models on both engines over the generated Olist data (sf 0.01): the
 * properties that must hold on any data, and the same tables on both engines. The cases
 * live in one file per concept (silver.cases.ts, gold.cases.ts, engineParity.cases.ts);
 * this file builds the lakehouse once per engine for all of them (generatedLakehouse.ts).
 * Exact numbers on a hand-made bronze are in handMadeExamples.test.ts.
 */

describe.each(testEngines)('models on %s', (kind, open) => {
  describe('generated Olist data (sf 0.01)', () => {
    useGeneratedLakehouse(kind, open);
    silverCases();
    goldCases();
  });
});

engineParityCases();
