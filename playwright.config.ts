import { defineConfig } from '@playwright/test';

// E2E_PORT lets several checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4321);
const TIMED = /[\\/](console|predictions)\.spec\.ts$/;

/**
 * End-to-end tests in Debian's Chromium (no browser download on this machine): the
 * built app served by scripts/serve.mjs, exactly as `npm start` serves it.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 60_000 },
  // Two browsers at once in CI: the suite is ~110 tests of mostly one-threaded DuckDB-WASM
  // work, and one at a time it took ~18 of CI's 30 minutes on 2 cores. Locally one (other
  // work shares the machine); E2E_WORKERS overrides both.
  workers: Number(process.env.E2E_WORKERS ?? (process.env.CI ? 2 : 1)),
  // One retry in CI only: a test that passes on it is reported as flaky and listed by name
  // in CI's output (scripts/ci-summary.mjs), never counted silently; a second failure fails.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // Specs that time the app (a cancel within 2 s) run after all the others, one at a time:
  // beside another browser on 2 cores they measured the neighbour as much as the app (the
  // console's cancel took over 2 s twice in a row in a two-worker CI run, never alone).
  projects: [
    { name: 'e2e', testIgnore: TIMED },
    { name: 'timed', testMatch: TIMED, dependencies: ['e2e'], workers: 1 },
  ],
  webServer: {
    command: `node scripts/serve.mjs --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
