import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';

/** The same flags as playwright.config.ts: Debian's Chromium, headless, nothing phoning home. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Serves the built app (dist/, or `dir`) the way `npm start` does; resolves once it listens. */
export async function startServer(port: string, dir?: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', port, ...(dir ? ['--dir', dir] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ok) => server.stdout!.once('data', ok));
  return server;
}

/**
 * Picks `paths` through the app's file input in a fresh page (EH bundle) and returns the
 * load's time as the worker measured it (the load summary's data-ms), not the file transfer.
 */
export async function timePickedLoad(browser: Browser, port: string, paths: string[]): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/?bundle=eh`);
    await page.getByTestId('engine-badge').waitFor({ timeout: 60_000 });
    await page.getByTestId('file-input').setInputFiles(paths);
    const summary = page.getByTestId('load-summary');
    await summary.waitFor({ timeout: 600_000 });
    if (await page.locator('.problems').count()) throw new Error(String(await page.locator('.problems').textContent()));
    return Number(await summary.getAttribute('data-ms'));
  } finally {
    await context.close();
  }
}
