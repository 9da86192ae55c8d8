#!/usr/bin/env node
// Reads Vitest's and Playwright's JSON reports, prints one "N passed, N failed" line,
// and exits 1 when a suite is missing, failed, or ran no test at all.
import { existsSync, readFileSync } from 'node:fs';

const [unitPath, e2ePath] = process.argv.slice(2);
let ok = true;
const totals = { passed: 0, failed: 0, skipped: 0 };

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
}

const e2e = read(e2ePath, 'end-to-end tests');
if (e2e) {
  const { expected = 0, unexpected = 0, skipped = 0, flaky = 0 } = e2e.stats ?? {};
  totals.passed += expected + flaky;
  totals.failed += unexpected;
  totals.skipped += skipped;
  console.log(`e2e: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped`);
  if (expected + flaky === 0 || unexpected > 0 || (e2e.errors ?? []).length > 0) ok = false;
}

console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok ? 0 : 1);
