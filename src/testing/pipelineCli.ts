import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { generateOlist } from '../demo/generateOlist';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** `npm run pipeline -- ARGS` as a user runs it: exit code and both streams, never a throw. */
export async function pipelineCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/pipeline.ts', ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const error = e as { code: number; stdout: string; stderr: string };
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

/**
 * A temporary folder holding the generated Olist CSVs at `sf` (as `in-<name>`), made before
 * the file's tests and removed after: `dir()` is the folder, `inputs()` the CSVs' paths.
 */
export function useGeneratedInputs(sf: number): { dir: () => string; inputs: () => string[] } {
  let dir = '';
  const names = generateOlist({ sf }).map((f) => f.name);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pipeline-cli-'));
    for (const f of generateOlist({ sf })) await writeFile(join(dir, `in-${f.name}`), f.bytes);
  });
  afterAll(async () => {
    // maxRetries: a server a test stopped (the Pushgateway) may still be writing its file here.
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });
  return { dir: () => dir, inputs: () => names.map((n) => join(dir, `in-${n}`)) };
}
