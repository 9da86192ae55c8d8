import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, MIN_SF, generateOlist } from '../demo/generateOlist';
import { runMain } from './runMain';

const USAGE = `usage: npm run generate -- --sf N --out DIR [--seed S]

  --sf    scale factor, a number >= ${MIN_SF} (1 ≈ the real Olist dataset: 99,441 orders)
  --out   folder to write the nine Olist CSV files into (created if missing)
  --seed  integer PRNG seed (default ${DEFAULT_SEED}); the same sf and seed give identical bytes

exit status: 0 written; 1 could not write; 2 usage error`;

/** Records in a CSV file: line breaks outside quotes, minus the header (handles a BOM/CRLF). */
function countCsvRecords(bytes: Uint8Array): number {
  let lines = 0;
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a && !quoted) lines++;
  }
  const endsWithNewline = bytes.length > 0 && bytes[bytes.length - 1] === 0x0a;
  return Math.max(0, lines + (endsWithNewline ? 0 : 1) - 1);
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
  const files = generateOlist({ sf: args.sf, seed: args.seed });
  const generatedMs = performance.now() - started;
  await mkdir(args.out, { recursive: true });
  let total = 0;
  for (const f of files) {
    await writeFile(join(args.out, f.name), f.bytes);
    total += f.bytes.length;
    const records = countCsvRecords(f.bytes).toLocaleString('en-US');
    console.log(`${f.name.padEnd(40)} ${records.padStart(10)} records ${formatBytes(f.bytes.length).padStart(10)}`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `wrote ${files.length} files (${formatBytes(total)}) to ${args.out} — sf ${args.sf}, seed ${args.seed}, ` +
      `generated in ${(generatedMs / 1000).toFixed(1)} s, ${seconds} s in all`,
  );
  return 0;
}

runMain(main);
