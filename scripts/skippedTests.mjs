// Lists the tests that Vitest's and Playwright's JSON reports say were skipped, and
// judges each against the allow-list (.ci/allowed-skips.json): a skip is allowed only
// when an entry names its file (and title, when the entry has one), and, for a
// `whenMissing` entry, only while that path really is missing.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';

/** Vitest's JSON: testResults[].assertionResults[] with status 'skipped' | 'pending' | 'todo'. */
export function vitestSkips(report, root) {
  return (report.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((t) => ['skipped', 'pending', 'todo'].includes(t.status))
      .map((t) => ({ file: relative(root, file.name), title: t.title, fullName: t.fullName ?? t.title, reason: undefined })),
  );
}

/** Playwright's JSON: suites nest; a spec's tests carry status 'skipped' and annotations (skip/fixme). */
export function playwrightSkips(report, root) {
  return playwrightTests(report, root, 'skipped');
}

/** Tests that failed and then passed on CI's one retry (playwright.config.ts): listed, never hidden. */
export function playwrightFlaky(report, root) {
  return playwrightTests(report, root, 'flaky');
}

function playwrightTests(report, root, status) {
  const out = [];
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== status) continue;
        const note = (t.annotations ?? []).find((a) => a.type === 'skip' || a.type === 'fixme');
        const file = relative(root, resolve(report.config?.rootDir ?? root, spec.file));
        out.push({ file, title: spec.title, fullName: spec.title, reason: note?.description ?? note?.type });
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return out;
}

/** Each skip with the entry that allows it, or the reason it is not allowed. */
export function judgeSkips(skips, allowList, root) {
  return skips.map((skip) => {
    const entry = allowList.allowed.find((a) => a.file === skip.file && (a.title === undefined || a.title === skip.title));
    if (!entry) return { ...skip, allowed: false, why: 'not on the allow-list (.ci/allowed-skips.json)' };
    if (entry.whenMissing && existsSync(resolve(root, entry.whenMissing))) {
      return { ...skip, allowed: false, why: `allowed only while ${entry.whenMissing} is missing, and it is present` };
    }
    return { ...skip, allowed: true, why: entry.reason };
  });
}
