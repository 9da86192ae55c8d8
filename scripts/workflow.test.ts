/**
 * The GitHub Actions workflow (.github/workflows/ci.yml) passes actionlint and does what
 * README "Deploying" says: .ci/run, the build, the publish smoke test, the artifact.
 * actionlint is installed by .ci/run into .tools/ (Go module proxy, pinned); without it
 * the lint is skipped, which .ci/allowed-skips.json allows only while it is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKFLOW = join(ROOT, '.github', 'workflows', 'ci.yml');
const ACTIONLINT = join(ROOT, '.tools', 'actionlint');
const text = readFileSync(WORKFLOW, 'utf8');

describe('the CI workflow', () => {
  it('runs .ci/run, builds dist/, publishes the demo data and uploads both', () => {
    expect(text).toMatch(/run: bash \.ci\/run/);
    expect(text).toMatch(/run: npm run build/);
    expect(text).toMatch(/npm run publish -- --policies policies\/demo\.yaml --in demo-data\/lakehouse --out demo-data\/published/);
    expect(text).toMatch(/uses: actions\/upload-artifact@v4[\s\S]*dist\/[\s\S]*demo-data\/published\//);
  });

  it.skipIf(!existsSync(ACTIONLINT))('passes actionlint, which does fail a broken copy', () => {
    const lint = (file: string) => spawnSync(ACTIONLINT, ['-no-color', file], { encoding: 'utf8' });
    const ok = lint(WORKFLOW);
    expect(ok.stdout + ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'workflow-'));
    try {
      const broken = join(dir, 'ci.yml');
      writeFileSync(broken, text.replace('runs-on: ubuntu-24.04', 'runs-on: ubuntu-24.04\n    timeout-minutes: ninety').replace('${{ github.sha }}', '${{ github.shaa }}'));
      const bad = lint(broken);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(/github\.shaa|timeout-minutes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
