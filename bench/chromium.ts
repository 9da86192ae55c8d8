import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';

/** The same flags as playwright.config.ts: Debian's Chromium, headless, nothing phoning home. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Serves the built app (dist/) the way `npm start` does; resolves once it listens. */
export async function startServer(port: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', port], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ok) => server.stdout!.once('data', ok));
  return server;
}
