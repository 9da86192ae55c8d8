import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** The machine's load average (1, 5 and 15 minutes), as the kernel reports it. */
export interface LoadAverage {
  one: number;
  five: number;
  fifteen: number;
}

/** From /proc/loadavg: on a shared machine, how far the figures taken beside it can be trusted. */
export function loadAverage(): LoadAverage {
  const [one, five, fifteen] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  return { one: one!, five: five!, fifteen: fifteen! };
}

export function formatLoad(l: LoadAverage): string {
  return `${l.one.toFixed(2)} / ${l.five.toFixed(2)} / ${l.fifteen.toFixed(2)}`;
}

/** What the figures were measured on: cores, and the commit (with a mark when the tree differs from it). */
export function machineAndCommit(): { cores: number; commit: string } {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  let commit = 'unknown (not a git checkout)';
  try {
    commit = git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no') ? ' with uncommitted changes' : '');
  } catch {
    // Benchmarks also run from an unpacked copy.
  }
  return { cores: availableParallelism(), commit };
}

/** One sentence on how far timings taken between `before` and `after` reflect the machine rather than its other work. */
export function loadVerdict(before: LoadAverage, after: LoadAverage, cores: number): string {
  const worst = Math.max(before.one, after.one);
  return worst <= cores
    ? `at most ${worst.toFixed(1)} runnable tasks on ${cores} cores: a quiet machine.`
    : `up to ${worst.toFixed(1)} runnable tasks on ${cores} cores: the machine was shared with other work, so times are inflated by that load.`;
}
