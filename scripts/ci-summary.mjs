#!/usr/bin/env node
// Reads Vitest's and Playwright's JSON reports, prints every skipped test with its reason,
// prints one "N passed, N failed" line, and exits 1 when a suite is missing, failed, ran
// no test at all, or skipped a test that .ci/allowed-skips.json does not allow.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeSkips, playwrightFlaky, playwrightSkips, vitestSkips } from './skippedTests.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [unitPath, e2ePath] = process.argv.slice(2);
let ok = true;
const totals = { passed: 0, failed: 0, skipped: 0 };
const skips = [];

function read(path, name) {
  if (!existsSync(path)) {
    console.error(`ci: ${name} did not run (no ${path})`);
    ok = false;
    return undefined;
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

const unit = read(unitPath, 'unit tests');
if (unit) {
  const pending = unit.numPendingTests + (unit.numTodoTests ?? 0);
  Object.assign(totals, { passed: totals.passed + unit.numPassedTests, failed: totals.failed + unit.numFailedTests, skipped: totals.skipped + pending });
  console.log(`unit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed, ${pending} skipped`);
  if (unit.numPassedTests === 0 || unit.numFailedTests > 0) ok = false;
  skips.push(...vitestSkips(unit, root));
}

const e2e = read(e2ePath, 'end-to-end tests');
if (e2e) {
  const { expected = 0, unexpected = 0, skipped = 0, flaky = 0 } = e2e.stats ?? {};
  totals.passed += expected + flaky;
  totals.failed += unexpected;
  totals.skipped += skipped;
  console.log(`e2e: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped`);
  if (expected + flaky === 0 || unexpected > 0 || (e2e.errors ?? []).length > 0) ok = false;
  skips.push(...playwrightSkips(e2e, root));
  for (const t of playwrightFlaky(e2e, root)) console.log(`  FLAKY (failed, then passed on the retry)  ${t.file} › ${t.fullName}`);
}

const allowList = JSON.parse(readFileSync(join(root, '.ci/allowed-skips.json'), 'utf8'));
const judged = judgeSkips(skips, allowList, root);
if (judged.length) console.log(`skipped tests (${judged.length}):`);
for (const s of judged) console.log(`  ${s.allowed ? 'allowed' : 'NOT ALLOWED'}  ${s.file} › ${s.fullName}: ${s.why}`);
const unexpectedSkips = judged.filter((s) => !s.allowed).length;
if (unexpectedSkips) {
  console.error(`ci: ${unexpectedSkips} test(s) skipped without an allowed reason`);
  ok = false;
}

console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok ? 0 : 1);
