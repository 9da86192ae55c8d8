#!/usr/bin/env node
// The end-to-end tests drive Debian's Chromium (this project never downloads a browser).
// Before they start: find it, install it with apt-get when running as root (as CI does),
// or stop at once with the exact command to run — not forty tests failing to launch.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const command = 'apt-get update && apt-get install -y chromium';

if (!existsSync(path)) {
  if (process.env.CHROMIUM_PATH) {
    console.error(`e2e: CHROMIUM_PATH is ${path}, which does not exist.`);
    process.exit(1);
  }
  if (process.getuid?.() !== 0) {
    console.error(`e2e: Chromium is not installed (${path}). Install Debian's package, then run npm test again:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  console.log(`e2e: Chromium is not installed; installing Debian's package (${command}) …`);
  try {
    execFileSync('sh', ['-c', `${command.replace('apt-get update', 'apt-get update -qq').replace('install -y', 'install -y -qq')}`], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    console.error(`e2e: installing Chromium failed. Run it by hand, then npm test again:\n  ${command}`);
    process.exit(1);
  }
  if (!existsSync(path)) {
    console.error(`e2e: apt-get finished but ${path} is still missing.`);
    process.exit(1);
  }
}
console.log(`e2e: using ${path}`);
