import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { createNodeWasmEngine } from '../../engine/wasm/nodeWasmEngine';
import { ensureLayerSchemas } from '../../pipeline/layers';
import { loadDump } from './loadDump';
import { StatementSplitter, StatementTooLarge } from './statementSplitter';

/**
 * Issue #7 (b): a quote that never closes makes the rest of a dump one statement. The
 * splitter must not buffer it all: past a limit it stops, and the loader reports the
 * statement's start, keeps the rows before the break, and reads the file no further.
 */
const HEAD = 'CREATE TABLE `t` (`id` int, `name` varchar(10));\n';
const BROKEN = "INSERT INTO `t` VALUES (1,'a'),(2,'b),(3,'c');\n";
/** ~3 MiB of good INSERTs after the broken one: all swallowed by its open quote. */
const REST = Array.from({ length: 3000 }, (_, i) => `INSERT INTO \`t\` VALUES (${i + 4},'${'x'.repeat(1000)}');\n`).join('');
const DUMP = new TextEncoder().encode(HEAD + BROKEN + REST);
const LIMIT = 1 << 20;

describe('a statement longer than the limit (a quote that never closes)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeWasmEngine();
    await ensureLayerSchemas(engine);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('the splitter stops once the open statement passes the limit, naming where it starts', () => {
    const splitter = new StatementSplitter(LIMIT);
    let thrown: unknown;
    let fed = 0;
    try {
      for (let at = 0; at < DUMP.length; at += 64 * 1024) {
        splitter.push(DUMP.subarray(at, at + 64 * 1024));
        fed = at + 64 * 1024;
      }
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StatementTooLarge);
    const { error, readTo } = thrown as StatementTooLarge;
    expect(error).toMatchObject({ kind: 'oversized-statement', line: 2, index: 2, byteOffset: HEAD.length });
    // It buffered at most the limit plus one chunk, not the 3 MiB after it.
    expect(error.bytes.length).toBeGreaterThan(LIMIT);
    expect(error.bytes.length).toBeLessThanOrEqual(LIMIT + 64 * 1024);
    expect(readTo).toBeLessThan(DUMP.length);
    expect(fed).toBeLessThan(DUMP.length);
  });

  it('the loader keeps the rows before the break, quarantines the rest of what it read, and reports the statement start', async () => {
    let read = 0;
    const loaded = await loadDump(engine, { path: 'shop/quote.sql', bytes: DUMP }, {
      id: 'oversized', loadedAt: '2026-01-01 00:00:00', chunkSize: 64 * 1024, maxStatementBytes: LIMIT, onBytes: (n) => (read = n),
    });
    expect(read).toBeLessThan(DUMP.length / 2);
    expect(loaded.sources.map((s) => [s.table, s.rows, s.quarantined])).toEqual([['bronze.t', 1, 1]]);
    expect(loaded.errors).toEqual([
      {
        file: 'shop/quote.sql',
        statement: 2,
        line: 2,
        byteOffset: HEAD.length,
        message: expect.stringMatching(
          new RegExp(`^statement 2 \\(an INSERT into t\\) grows past 1\\.\\d MiB without ending: from the row at line 2, byte ${HEAD.length + BROKEN.indexOf("(2,'b")} its quotes most likely do not pair up.* the file was read no further \\(.* unread\\)\\. Fix the quoting there and load the dump again`),
        ),
      },
    ]);
    const q = (await engine.query('SELECT _raw, _reason FROM quarantine.t')).toArray().map((r) => r.toJSON());
    expect(q).toHaveLength(1);
    expect(String(q[0]!._raw).startsWith("(2,'b),(3,'c');\nINSERT INTO `t` VALUES (4,")).toBe(true);
    expect(q[0]!._reason).toMatch(/grows past .* without ending: a quote is most likely not closed/);
    expect((await engine.query("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE '\\_loading%' ESCAPE '\\'")).get(0)?.n).toBe(0);
  });
});
