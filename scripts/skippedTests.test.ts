import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judgeSkips, playwrightFlaky, playwrightSkips, vitestSkips } from './skippedTests.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const allowList = JSON.parse(readFileSync(join(root, '.ci/allowed-skips.json'), 'utf8'));

/** The shapes Vitest 4's and Playwright's JSON reporters write (trimmed to what is read). */
function vitestReport(tests: { file: string; title: string; status: string }[]) {
  return {
    numPassedTests: tests.filter((t) => t.status === 'passed').length,
    numFailedTests: tests.filter((t) => t.status === 'failed').length,
    numPendingTests: tests.filter((t) => t.status !== 'passed' && t.status !== 'failed').length,
    numTodoTests: 0,
    testResults: [...new Set(tests.map((t) => t.file))].map((file) => ({
      name: join(root, file),
      assertionResults: tests.filter((t) => t.file === file).map((t) => ({ title: t.title, fullName: `suite ${t.title}`, status: t.status, ancestorTitles: ['suite'] })),
    })),
  };
}

function playwrightReport(tests: { file: string; title: string; status: string; note?: { type: string; description?: string } }[]) {
  return {
    config: { rootDir: join(root, 'e2e') },
    stats: { expected: tests.filter((t) => t.status === 'expected').length, unexpected: 0, skipped: tests.filter((t) => t.status === 'skipped').length, flaky: 0 },
    errors: [],
    suites: [{ title: 'x', specs: [], suites: [{ title: 'inner', specs: tests.map((t) => ({ file: t.file.replace(/^e2e\//, ''), title: t.title, tests: [{ status: t.status, annotations: t.note ? [t.note] : [] }] })) }] }],
  };
}

describe('skipped tests against the allow-list', () => {
  it('finds skips in both reports, with the file relative to the repository', () => {
    const unit = vitestSkips(vitestReport([{ file: 'src/a.test.ts', title: 'runs', status: 'passed' }, { file: 'src/a.test.ts', title: 'waits', status: 'skipped' }]), root);
    expect(unit).toEqual([{ file: 'src/a.test.ts', title: 'waits', fullName: 'suite waits', reason: undefined }]);
    const e2e = playwrightSkips(playwrightReport([{ file: 'e2e/b.spec.ts', title: 'hangs', status: 'skipped', note: { type: 'fixme' } }, { file: 'e2e/b.spec.ts', title: 'works', status: 'expected' }]), root);
    expect(e2e).toEqual([{ file: 'e2e/b.spec.ts', title: 'hangs', fullName: 'hangs', reason: 'fixme' }]);
  });

  it('refuses a skip that no entry names, or an entry whose title differs', () => {
    const judged = judgeSkips(
      [
        { file: 'src/pipeline/runner.test.ts', title: 'anything', fullName: 'anything' },
        { file: 'e2e/engine.spec.ts', title: 'another test', fullName: 'another test' },
      ],
      allowList,
      root,
    );
    expect(judged.map((j) => j.allowed)).toEqual([false, false]);
  });

  it('allows a whenMissing skip only while the path is missing', () => {
    const list = { allowed: [{ file: 'src/x.test.ts', reason: 'data missing', whenMissing: 'package.json' }, { file: 'src/y.test.ts', reason: 'data missing', whenMissing: 'no/such/folder' }] };
    const judged = judgeSkips([{ file: 'src/x.test.ts', title: 't', fullName: 't' }, { file: 'src/y.test.ts', title: 't', fullName: 't' }], list, root);
    expect(judged.map((j) => [j.allowed, j.why])).toEqual([
      [false, 'allowed only while package.json is missing, and it is present'],
      [true, 'data missing'],
    ]);
  });

  it('allows a skip by file and title, and no other title of that file', () => {
    const list = { allowed: [{ file: 'e2e/x.spec.ts', title: 'waits for a fix', reason: 'known defect' }] };
    const judged = judgeSkips([{ file: 'e2e/x.spec.ts', title: 'waits for a fix', fullName: 'waits for a fix' }, { file: 'e2e/x.spec.ts', title: 'other', fullName: 'other' }], list, root);
    expect(judged.map((j) => [j.allowed, j.why])).toEqual([
      [true, 'known defect'],
      [false, expect.any(String)],
    ]);
  });

  it('no longer allows the COI test to be skipped: its start is reliable now', () => {
    const title = '?bundle=coi runs the multi-threaded build and loads a picked file from a buffer';
    expect(judgeSkips([{ file: 'e2e/engine.spec.ts', title, fullName: title }], allowList, root)[0]!.allowed).toBe(false);
  });

  it('names files that exist (the list does not rot)', () => {
    for (const entry of allowList.allowed) expect(existsSync(join(root, entry.file)), entry.file).toBe(true);
  });
});

describe('ci-summary', () => {
  const run = (unit: object, e2e: object) => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-summary-'));
    writeFileSync(join(dir, 'unit.json'), JSON.stringify(unit));
    writeFileSync(join(dir, 'e2e.json'), JSON.stringify(e2e));
    try {
      return { code: 0, out: execFileSync('node', [join(root, 'scripts/ci-summary.mjs'), join(dir, 'unit.json'), join(dir, 'e2e.json')], { encoding: 'utf8', stdio: 'pipe' }) };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { code: e.status, out: e.stdout + e.stderr };
    }
  };
  const passingE2e = playwrightReport([{ file: 'e2e/b.spec.ts', title: 'works', status: 'expected' }]);

  it('passes when nothing is skipped', () => {
    const r = run(vitestReport([{ file: 'src/a.test.ts', title: 'runs', status: 'passed' }]), passingE2e);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2 passed, 0 failed, 0 skipped$/m);
  });

  it('fails on a skip that is not allowed, and prints it', () => {
    const r = run(vitestReport([{ file: 'src/a.test.ts', title: 'runs', status: 'passed' }, { file: 'src/a.test.ts', title: 'quietly skipped', status: 'skipped' }]), passingE2e);
    expect(r.code).toBe(1);
    expect(r.out).toContain('NOT ALLOWED  src/a.test.ts › suite quietly skipped');
  });

  it('fails when the COI test is skipped again, and names it', () => {
    const title = '?bundle=coi runs the multi-threaded build and loads a picked file from a buffer';
    const e2e = playwrightReport([{ file: 'e2e/b.spec.ts', title: 'works', status: 'expected' }, { file: 'e2e/engine.spec.ts', title, status: 'skipped', note: { type: 'fixme' } }]);
    const r = run(vitestReport([{ file: 'src/a.test.ts', title: 'runs', status: 'passed' }]), e2e);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`NOT ALLOWED  e2e/engine.spec.ts › ${title}`);
  });
});

describe('flaky tests', () => {
  it('are listed by name in the summary, and counted as passed', () => {
    const e2e = {
      config: { rootDir: join(root, 'e2e') },
      stats: { expected: 1, unexpected: 0, skipped: 0, flaky: 1 },
      errors: [],
      suites: [{ title: 'x', specs: [{ file: 'a.spec.ts', title: 'wobbles', tests: [{ status: 'flaky', annotations: [] }] }, { file: 'a.spec.ts', title: 'holds', tests: [{ status: 'expected', annotations: [] }] }] }],
    };
    expect(playwrightFlaky(e2e, root)).toEqual([{ file: 'e2e/a.spec.ts', title: 'wobbles', fullName: 'wobbles', reason: undefined }]);
  });
});
