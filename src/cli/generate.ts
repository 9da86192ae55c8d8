import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, MAX_PART_SF, MIN_SF, streamOlist } from '../demo/generateOlist';
import { runMain } from './runMain';

const USAGE = `usage: npm run generate -- --sf N --out DIR [--seed S]

  --sf    scale factor, a number >= ${MIN_SF} (1 ≈ the real Olist dataset: 99,441 orders)
  --out   folder to write the nine Olist CSV files into (created if missing)
  --seed  integer PRNG seed (default ${DEFAULT_SEED}); the same sf and seed give identical bytes

Files are written as they are generated (memory stays bounded at any sf); above sf ${MAX_PART_SF}
the data is generated in parts of sf <= ${MAX_PART_SF}, appended to the same nine files.

exit status: 0 written; 1 could not write; 2 usage error`;

/** Counts a CSV's records as its bytes go by: line breaks outside quotes, minus the header. */
class RecordCounter {
  private lines = 0;
  private quoted = false;
  private last = -1;
  bytes = 0;

  add(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 0x22) this.quoted = !this.quoted;
      else if (b === 0x0a && !this.quoted) this.lines++;
    }
    if (chunk.length > 0) this.last = chunk[chunk.length - 1]!;
    this.bytes += chunk.length;
  }

  get records(): number {
    return Math.max(0, this.lines + (this.bytes > 0 && this.last !== 0x0a ? 1 : 0) - 1);
  }
}

function formatBytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
}

type Parsed = { sf: number; out: string; seed: number } | { error: string } | { help: true };

function parse(argv: string[]): Parsed {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        sf: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  if (values.sf === undefined) return { error: 'missing --sf' };
  if (values.out === undefined || values.out === '') return { error: 'missing --out' };
  const sf = Number(values.sf);
  if (values.sf.trim() === '' || !Number.isFinite(sf) || sf < MIN_SF) {
    return { error: `--sf must be a number >= ${MIN_SF}, got "${values.sf}"` };
  }
  let seed = DEFAULT_SEED;
  if (values.seed !== undefined) {
    seed = Number(values.seed);
    if (!/^-?\d+$/.test(values.seed.trim()) || !Number.isSafeInteger(seed)) {
      return { error: `--seed must be an integer, got "${values.seed}"` };
    }
  }
  return { sf, out: values.out, seed };
}

async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  if ('help' in args) return console.log(USAGE), 0;
  if ('error' in args) return console.error(`${args.error}\n\n${USAGE}`), 2;

  const started = performance.now();
  await mkdir(args.out, { recursive: true });
  // Written synchronously as chunks come: the generator never waits, and never holds a file.
  const open = new Map<string, { fd: number; counter: RecordCounter }>();
  try {
    streamOlist({ sf: args.sf, seed: args.seed }, (name, bytes) => {
      let file = open.get(name);
      if (!file) open.set(name, (file = { fd: openSync(join(args.out, name), 'w'), counter: new RecordCounter() }));
      writeSync(file.fd, bytes);
      file.counter.add(bytes);
    });
  } finally {
    for (const { fd } of open.values()) closeSync(fd);
  }
  let total = 0;
  for (const [name, { counter }] of open) {
    total += counter.bytes;
    const records = counter.records.toLocaleString('en-US');
    console.log(`${name.padEnd(40)} ${records.padStart(10)} records ${formatBytes(counter.bytes).padStart(10)}`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`wrote ${open.size} files (${formatBytes(total)}) to ${args.out} — sf ${args.sf}, seed ${args.seed}, ${seconds} s`);
  return 0;
}

runMain(main);
