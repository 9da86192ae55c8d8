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
