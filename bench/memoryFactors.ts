/**
 * How much DuckDB memory a loaded file takes per byte of file, per format: the expansion
 * factors behind src/ingest/memoryEstimate.ts. Loads the same generated shop (sf 0.2) as
 * CSVs, as a dump, as NDJSON and as BSON into DuckDB-WASM in Node, one format per fresh
 * engine, and divides DuckDB's memory in use (duckdb_memory()) after the load by the
 * file bytes; and the gzip ratio of those files. One run: `npx tsx bench/memoryFactors.ts`.
 */
import { serialize } from 'bson';
import { gzipSync } from 'fflate';
import { createNodeWasmEngine } from '../src/engine/wasm/nodeWasmEngine';
import { generateOlist } from '../src/demo/generateOlist';
import { parseCsv } from '../src/demo/testing/parseCsv';
import { loadFiles } from '../src/ingest/loadFiles';
import type { InputFile } from '../src/ingest/inputFile';

const csvs = generateOlist({ sf: 0.2 });
const tables = csvs.map((f) => ({ name: f.name.replace(/\.csv$/, ''), rows: parseCsv(new TextDecoder().decode(f.bytes)).map((r) => r.map((c) => c.value)) }));
const enc = new TextEncoder();
const q = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

const formats: Record<string, InputFile[]> = {
  csv: csvs.map((f) => ({ path: f.name, bytes: f.bytes })),
  dump: [{
    path: 'shop.sql',
    bytes: enc.encode(tables.map(({ name, rows }) => {
      const [header, ...data] = rows;
      const create = `CREATE TABLE \`${name}\` (${header!.map((c) => `\`${c}\` varchar(255)`).join(', ')});\n`;
      const inserts: string[] = [];
      for (let i = 0; i < data.length; i += 1000) inserts.push(`INSERT INTO \`${name}\` VALUES ${data.slice(i, i + 1000).map((r) => `(${r.map(q).join(',')})`).join(',')};\n`);
      return create + inserts.join('');
    }).join('')),
  }],
  ndjson: tables.map(({ name, rows }) => {
    const [header, ...data] = rows;
    return { path: `${name}.json`, bytes: enc.encode(data.map((r) => JSON.stringify(Object.fromEntries(header!.map((c, i) => [c, r[i]])))).join('\n') + '\n') };
  }),
  bson: tables.map(({ name, rows }) => {
    const [header, ...data] = rows;
    const docs = data.map((r) => serialize(Object.fromEntries(header!.map((c, i) => [c, r[i]]))));
    const out = new Uint8Array(docs.reduce((n, d) => n + d.length, 0));
    let at = 0;
    for (const d of docs) out.set(d, (at += d.length) - d.length);
    return { path: `${name}.bson`, bytes: out };
  }),
};

for (const [format, files] of Object.entries(formats)) {
  const engine = await createNodeWasmEngine();
  const size = files.reduce((n, f) => n + f.bytes.length, 0);
  const gz = files.reduce((n, f) => n + gzipSync(f.bytes, { level: 6 }).length, 0);
  await loadFiles(engine, files);
  const used = Number((await engine.query('SELECT sum(memory_usage_bytes)::BIGINT AS n FROM duckdb_memory()')).get(0)?.n);
  console.log(`${format}: ${(size / 2 ** 20).toFixed(1)} MiB of files → ${(used / 2 ** 20).toFixed(1)} MiB in DuckDB: ×${(used / size).toFixed(2)}; gzip ratio ×${(size / gz).toFixed(1)}`);
  await engine.close();
}
