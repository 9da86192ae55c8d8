/**
 * npx tsx bench/dumpIngest.ts [--sf 1 --runs 5]   (after `vite build`; `npm run bench` does both)
 *
 * MySQL dump ingest, on the generated Olist data at scale `sf` written two ways — the nine
 * CSVs and one mysqldump-style dump of the same rows (bench/support/dumpFromCsv.ts):
 * - Chromium (EH bundle): load the CSVs (DuckDB read_csv) vs load the dump (our streaming
 *   reader), picked through the file input, timed inside the worker; MB/s and ratio.
 * - Node, DuckDB-WASM: peak JS heap and array-buffer memory while the dump is streamed from
 *   disk as the CLI does, against the dump's size.
 * - Node: our statement splitter + INSERT parser vs node-sql-parser on the first ~10 MB of
 *   the dump (parse only, no database), for the record.
 * Medians of `runs`.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sqlParser from 'node-sql-parser';
import { generateOlist } from '../src/demo/generateOlist';
import { createNodeWasmEngine } from '../src/engine/wasm/nodeWasmEngine';
import { loadFiles } from '../src/ingest/loadFiles';
import { parseInsertInto, type ValueSink } from '../src/ingest/mysql/insertValues';
import { StatementSplitter } from '../src/ingest/mysql/statementSplitter';
import { launchChromium, startServer, timePickedLoad } from './chromium';
import { dumpFromCsv } from './support/dumpFromCsv';
import { median } from './stats';

const { values } = parseArgs({ strict: false, options: { sf: { type: 'string', default: '1' }, runs: { type: 'string', default: '5' }, port: { type: 'string', default: '4398' } } });
const sf = Number(values.sf);
const runs = Number(values.runs);
const MB = 1024 ** 2;

async function prepare(): Promise<{ dir: string; csvs: string[]; dump: string; csvBytes: number; dumpBytes: number }> {
  const dir = join(tmpdir(), `pocket-lakehouse-dump-bench-sf${sf}`);
  await mkdir(join(dir, 'csv'), { recursive: true });
  const files = generateOlist({ sf });
  const csvs: string[] = [];
  for (const f of files) {
    csvs.push(join(dir, 'csv', f.name));
    await writeFile(csvs.at(-1)!, f.bytes);
  }
  const dump = join(dir, 'shop.sql');
  const text = dumpFromCsv(files.map((f) => ({ table: f.name.replace(/^olist_|_dataset\.csv$|\.csv$/g, ''), text: new TextDecoder().decode(f.bytes) })));
  await writeFile(dump, text);
  const csvBytes = files.reduce((n, f) => n + f.bytes.length, 0);
  const dumpBytes = (await stat(dump)).size;
  console.log(`data: sf=${sf}: CSVs ${(csvBytes / MB).toFixed(1)} MB, dump ${(dumpBytes / MB).toFixed(1)} MB in ${dir}`);
  return { dir, csvs, dump, csvBytes, dumpBytes };
}

/** Load times (ms, inside the worker) of picking `paths` in a fresh page, per run. */
async function timeChromium(paths: string[]): Promise<number[]> {
  const port = values.port!;
  const server = await startServer(String(port));
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await timePickedLoad(browser, String(port), paths));
    return times;
  } finally {
    await browser.close();
    server.kill();
  }
}

/** Peak memory while the CLI path (dump streamed from disk) loads into DuckDB-WASM. */
async function measureMemory(dump: string, size: number) {
  const engine = await createNodeWasmEngine();
  globalThis.gc?.();
  const base = process.memoryUsage();
  const peak = { heapUsed: 0, arrayBuffers: 0, rss: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed - base.heapUsed);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers - base.arrayBuffers);
    peak.rss = Math.max(peak.rss, m.rss - base.rss);
  };
  const timer = setInterval(sample, 20);
  const t0 = performance.now();
  const report = await loadFiles(engine, [{ path: 'shop.sql', bytes: new Uint8Array(0), stream: { size, chunks: () => createReadStream(dump, { highWaterMark: 4 << 20 }) } }], {
    onProgress: sample,
  });
  const ms = performance.now() - t0;
  clearInterval(timer);
  if (report.errors.length) throw new Error(JSON.stringify(report.errors));
  await engine.close();
  // rss includes DuckDB's own WASM memory (the loaded tables), which is not ours to bound.
  return { ms, rows: report.sources.reduce((n, s) => n + s.rows, 0), ...peak };
}

/** Parse-only throughput on the first ~10 MB of statements: ours vs node-sql-parser. */
async function compareParsers(dump: string) {
  const bytes = (await readFile(dump)).subarray(0, 10 * MB);
  const splitter = new StatementSplitter();
  const statements = splitter.push(bytes).filter((s) => /^INSERT/.test(new TextDecoder().decode(s.bytes.subarray(0, 6))));
  const inputBytes = statements.reduce((n, s) => n + s.bytes.length, 0);
  const sink: ValueSink = { string() {}, number() {}, hex() {}, bits() {}, null() {}, endRow() {} };
  const ours: number[] = [];
  const theirs: number[] = [];
  const parser = new sqlParser.Parser();
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    const again = new StatementSplitter().push(bytes);
    for (const s of again) if (s.bytes[0] === 0x49) parseInsertInto(s.bytes, () => sink);
    ours.push(performance.now() - t0);
    t0 = performance.now();
    for (const s of statements) parser.astify(s.text, { database: 'MySQL' });
    theirs.push(performance.now() - t0);
  }
  return { mb: inputBytes / MB, ours: median(ours), theirs: median(theirs), statements: statements.length };
}

async function main() {
  const data = await prepare();
  const lines: string[] = [`# Dump ingest, sf=${sf} (median of ${runs}, ${new Date().toISOString()}, 2 cores)`, ''];
  lines.push(`Data: the generated Olist CSVs (${(data.csvBytes / MB).toFixed(1)} MB) and one dump of the same rows (${(data.dumpBytes / MB).toFixed(1)} MB).`, '');

  const csv = await timeChromium(data.csvs);
  const dump = await timeChromium([data.dump]);
  console.log(`chromium csv: ${csv.map(Math.round).join(', ')} ms; dump: ${dump.map(Math.round).join(', ')} ms`);
  const csvMs = median(csv);
  const dumpMs = median(dump);
  const csvRate = data.csvBytes / MB / (csvMs / 1000);
  const dumpRate = data.dumpBytes / MB / (dumpMs / 1000);
  lines.push('## Load into bronze in Chromium (EH bundle, inside the worker)', '');
  lines.push('| input | median ms | MB/s | ratio (MB/s vs read_csv) | ratio (time vs read_csv) |', '|---|---:|---:|---:|---:|');
  lines.push(`| CSVs, DuckDB read_csv (baseline) | ${Math.round(csvMs)} | ${csvRate.toFixed(1)} | 1.00× | 1.00× |`);
  lines.push(`| dump, streaming reader | ${Math.round(dumpMs)} | ${dumpRate.toFixed(1)} | ${(dumpRate / csvRate).toFixed(2)}× | ${(dumpMs / csvMs).toFixed(2)}× |`, '');

  const memory = await measureMemory(data.dump, data.dumpBytes);
  console.log('memory', memory);
  lines.push('## Memory while streaming the dump from disk (Node, DuckDB-WASM, one run)', '');
  lines.push(`Dump ${(data.dumpBytes / MB).toFixed(0)} MB, ${memory.rows.toLocaleString('en')} rows in ${(memory.ms / 1000).toFixed(1)} s.`, '');
  lines.push('| measure (peak above the start) | MB |', '|---|---:|');
  lines.push(`| JS heap (heapUsed) | ${(memory.heapUsed / MB).toFixed(0)} |`);
  lines.push(`| array buffers (file chunks, Arrow batches) | ${(memory.arrayBuffers / MB).toFixed(0)} |`);
  lines.push(`| process RSS (includes DuckDB's tables in WASM memory) | ${(memory.rss / MB).toFixed(0)} |`, '');

  const parsers = await compareParsers(data.dump);
  console.log('parsers', parsers);
  lines.push(`## Parse only: ${parsers.statements} INSERT statements, ${parsers.mb.toFixed(1)} MB (Node)`, '');
  lines.push('| parser | median ms | MB/s |', '|---|---:|---:|');
  lines.push(`| ours: statement splitter + INSERT values | ${Math.round(parsers.ours)} | ${(parsers.mb / (parsers.ours / 1000)).toFixed(1)} |`);
  lines.push(`| node-sql-parser (astify, MySQL) | ${Math.round(parsers.theirs)} | ${(parsers.mb / (parsers.theirs / 1000)).toFixed(1)} |`, '');

  const text = lines.join('\n');
  console.log(`\n${text}`);
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/dump-sf${sf}.md`, `${text}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
