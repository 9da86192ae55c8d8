import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import { fixtureFiles } from '../../../fixtures/mongo/fixtureFiles';
import { FIXTURES } from './testing/mongoFixtures';

describe('fixtures/mongo', () => {
  it.each(fixtureFiles().map(([path, bytes]) => [path, bytes] as const))('%s is what make-fixtures.ts writes', (path, bytes) => {
    const committed = new Uint8Array(readFileSync(new URL(path, FIXTURES)));
    expect(path.endsWith('.gz') ? gunzipSync(committed) : committed).toEqual(bytes);
  });
});
