/**
 * npx tsx bench/mongoIngest.ts [-- --docs 200000 --runs 5 --where chromium,node]
 *   (after `vite build`; `npm run bench` does both)
 *
 * Throughput of the Mongo loaders against DuckDB's CSV reader: N products-like documents
 * (the Olist products columns plus an ObjectId `_id`) written as mongoexport NDJSON
 * (relaxed, the default), as mongodump BSON, and as the same rows in CSV. Medians of
 * `runs`, the three loads taking turns so that a busy machine slows them alike.
 * - chromium: each file picked in a fresh page of the app (EH bundle), timed inside the
 *   worker: the CSV through the app's CSV load (DuckDB read_csv into bronze, the baseline),
 *   the others through the Mongo loaders into bronze. This is the measure.
 * - node: DuckDB-WASM in Node, each load on a fresh engine: registerFile + CREATE TABLE AS
 *   read_csv(all_varchar) (the baseline) vs loadMongoJson / loadBson.
 * MB/s is each format's own size; the ratios compare rows per second with the baseline.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EJSON, Int32, ObjectId, serialize } from 'bson';
import { CATEGORIES } from '../src/demo/categories';
import { Random } from '../src/demo/random';
import type { Engine } from '../src/engine/interface';
import { quoteLiteral } from '../src/engine/sql';
import { createNodeWasmEngine } from '../src/engine/wasm/nodeWasmEngine';
import type { InputFile } from '../src/ingest/inputFile';
import { loadBson } from '../src/ingest/mongo/loadBson';
import { loadMongoJson } from '../src/ingest/mongo/loadMongoJson';
import { ensureLayerSchemas } from '../src/pipeline/layers';
import { launchChromium, startServer, timePickedLoad } from './chromium';

// Not strict: npm run bench hands every script the same arguments (--sf is not ours).
const { values } = parseArgs({
  strict: false,
  options: { docs: { type: 'string', default: '200000' }, runs: { type: 'string', default: '5' }, where: { type: 'string', default: 'chromium,node' }, port: { type: 'string', default: '4397' } },
});
const DOCS = Number(values.docs);
const RUNS = Number(values.runs);
const COLUMNS = ['product_name_lenght', 'product_description_lenght', 'product_photos_qty', 'product_weight_g', 'product_length_cm', 'product_height_cm', 'product_width_cm'];

function products(n: number): Record<string, unknown>[] {
  const r = new Random(42);
  const names = CATEGORIES.map((c) => c.name);
  return Array.from({ length: n }, () => {
    const doc: Record<string, unknown> = { _id: new ObjectId(r.hex(24)), product_id: r.hex(32), product_category_name: r.pick(names) };
    for (const c of COLUMNS) doc[c] = new Int32(r.int(1, 5000));
    return doc;
  });
}

function files(docs: Record<string, unknown>[]): { ndjson: Uint8Array; bson: Uint8Array; csv: Uint8Array } {
  const enc = new TextEncoder();
  const ndjson = enc.encode(docs.map((d) => EJSON.stringify(d, { relaxed: true })).join('\n') + '\n');
  const parts = docs.map((d) => serialize(d));
  const bson = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bson.set(p, at);
    at += p.length;
  }
  const header = ['_id', 'product_id', 'product_category_name', ...COLUMNS].join(',');
  const lines = docs.map((d) => [(d._id as ObjectId).toHexString(), d.product_id, d.product_category_name, ...COLUMNS.map((c) => (d[c] as Int32).value)].join(','));
  const csv = enc.encode(`${header}\n${lines.join('\n')}\n`);
  return { ndjson, bson, csv };
}

interface Measured {
  name: string;
  bytes: number;
  ms: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The markdown written to bench/results/ at the end. */
const sections: string[] = [];

/** A markdown table of medians, MB/s and rows/s, each against the first row (the baseline). */
function report(title: string, results: Measured[]): void {
  for (const r of results) console.log(`${r.name}: ${r.ms.map(Math.round).join(', ')} ms`);
  const base = median(results[0].ms);
  const baseMbps = results[0].bytes / 1024 ** 2 / (base / 1000);
  const lines = [`## ${title}`, '', '| load | median ms | MB/s | rows/s | vs baseline (rows/s) | vs baseline (MB/s) |', '|---|---:|---:|---:|---:|---:|'];
  for (const r of results) {
    const ms = median(r.ms);
    const mbps = r.bytes / 1024 ** 2 / (ms / 1000);
    lines.push(`| ${r.name} | ${Math.round(ms)} | ${mbps.toFixed(1)} | ${Math.round(DOCS / (ms / 1000)).toLocaleString('en')} | ${(base / ms).toFixed(2)}× | ${(mbps / baseMbps).toFixed(2)}× |`);
  }
  console.log(`\n${lines.join('\n')}`);
  sections.push(lines.join('\n'));
}

async function writeResults(header: string): Promise<void> {
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/mongo-ingest.md', `# Mongo ingest, ${DOCS.toLocaleString('en')} documents (${new Date().toISOString()}, 2 cores)\n\n${header}\n\n${sections.join('\n\n')}\n`);
}

/** The three files picked in the app in Chromium, in turns. */
async function chromiumLoads(data: { ndjson: Uint8Array; bson: Uint8Array; csv: Uint8Array }): Promise<void> {
  const dir = join(tmpdir(), `pocket-lakehouse-mongo-bench-${DOCS}`);
  await mkdir(dir, { recursive: true });
  const inputs = [
    { name: 'CSV, DuckDB read_csv (app CSV load)', file: 'products.csv', bytes: data.csv },
    { name: 'NDJSON, mongoexport (relaxed)', file: 'products.json', bytes: data.ndjson },
    { name: 'BSON, mongodump', file: 'products.bson', bytes: data.bson },
  ];
  for (const input of inputs) await writeFile(join(dir, input.file), input.bytes);
  const server = await startServer(String(values.port));
  const browser = await launchChromium();
  const results: Measured[] = inputs.map((i) => ({ name: i.name, bytes: i.bytes.length, ms: [] }));
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const [k, input] of inputs.entries()) results[k]!.ms.push(await timePickedLoad(browser, String(values.port), [join(dir, input.file)]));
    }
  } finally {
    await browser.close();
    server.kill();
  }
  report(`Chromium (EH bundle), into bronze, timed in the worker, median of ${RUNS}`, results);
}

type Load = (engine: Engine, run: number) => Promise<void>;

async function timeOnce(load: Load, run: number): Promise<number> {
  const engine = await createNodeWasmEngine();
  await ensureLayerSchemas(engine);
  const t0 = performance.now();
  await load(engine, run);
  const ms = performance.now() - t0;
  await engine.close();
  return ms;
}

async function main() {
  // Built in a scope of their own: the documents must not stay on the heap while loads are timed.
  const { ndjson, bson, csv } = files(products(DOCS));
  const mb = (b: Uint8Array) => b.length / 1024 ** 2;
  console.log(`${DOCS} documents: NDJSON ${mb(ndjson).toFixed(1)} MB, BSON ${mb(bson).toFixed(1)} MB, CSV ${mb(csv).toFixed(1)} MB`);
  const where = String(values.where).split(',');
  const header = `Data: products-like documents as NDJSON ${mb(ndjson).toFixed(1)} MB, BSON ${mb(bson).toFixed(1)} MB, CSV ${mb(csv).toFixed(1)} MB.`;
  if (where.includes('chromium')) await chromiumLoads({ ndjson, bson, csv });
  if (where.includes('node')) await nodeLoads({ ndjson, bson, csv });
  await writeResults(header);
}

/** The three loads on DuckDB-WASM in Node, in turns. */
async function nodeLoads({ ndjson, bson, csv }: { ndjson: Uint8Array; bson: Uint8Array; csv: Uint8Array }): Promise<void> {

  const file = (path: string, bytes: Uint8Array): InputFile => ({ path, bytes: bytes.slice() });
  const loads: Array<Measured & { load: Load }> = [
    {
      name: 'read_csv (all VARCHAR)',
      bytes: csv.length,
      ms: [],
      load: async (engine, i) => {
        const path = await engine.registerFile(`bench${i}.csv`, csv.slice());
        await engine.exec(`CREATE TABLE t AS SELECT * FROM read_csv(${quoteLiteral(path)}, all_varchar = true)`);
      },
    },
    {
      name: 'loadMongoJson (NDJSON)',
      bytes: ndjson.length,
      ms: [],
      load: async (engine, i) => {
        const loaded = await loadMongoJson(engine, file('products.json', ndjson), { id: `j${i}`, loadedAt: '2026-01-01 00:00:00' });
        if (loaded.rows !== DOCS) throw new Error(`loaded ${loaded.rows} rows`);
      },
    },
    {
      name: 'loadBson (BSON)',
      bytes: bson.length,
      ms: [],
      load: async (engine, i) => {
        const loaded = await loadBson(engine, file('products.bson', bson), { id: `b${i}`, loadedAt: '2026-01-01 00:00:00' });
        if (loaded.rows !== DOCS) throw new Error(`loaded ${loaded.rows} rows`);
      },
    },
  ];
  for (let i = 0; i < RUNS; i++) for (const l of loads) l.ms.push(await timeOnce(l.load, i));
  report(`DuckDB-WASM in Node, each load on a fresh engine, median of ${RUNS}`, loads);
}

await main();
