/**
 * npm run bench [-- --sf 1 --runs 5] [-- --only dumpIngest]
 *
 * Runs every benchmark script in turn with the same arguments (after `vite build`, which
 * the npm script does first); each writes its medians and ratios to bench/results/.
 */
import { spawnSync } from 'node:child_process';

const SCRIPTS = ['run', 'dumpIngest', 'mongoIngest', 'crossFilter', 'firstChart'];

const args = process.argv.slice(2);
const only = args.indexOf('--only');
const chosen = only >= 0 ? args[only + 1]!.split(',') : SCRIPTS;
const passOn = only >= 0 ? [...args.slice(0, only), ...args.slice(only + 2)] : args;

for (const name of chosen) {
  if (!SCRIPTS.includes(name)) throw new Error(`unknown benchmark ${name}; known: ${SCRIPTS.join(', ')}`);
  console.log(`\n=== bench/${name}.ts ${passOn.join(' ')}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`, ...passOn], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
