import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import type { InputFile } from '../../ingest/inputFile';
import { loadFiles } from '../../ingest/loadFiles';
import { debeziumOrderChanges } from '../../ingest/cdc/testing/debeziumOrderChanges';
import { MODELS } from '../../pipeline/models/testHarness';
import { runPipeline } from '../../pipeline/runner';
import { commitBatch } from '../batches/batches';
import { commitVersion, type CommittedVersion } from './commitVersion';
import { changedOrdersFile, firstBatch } from './testing/changedOrders';

/*
 * A batch's commit from what the run knows (knownChanges.ts: unchanged models skipped,
 * bronze appends, silver merged by key diffed on the keys the merge touched) writes the
 * same version log and the same history rows as the whole-table diff, on both engines:
 * two lakehouses take the same batches (new orders, orders sent again canceled with dearer
 * items, Debezium updates and deletes, an empty batch), one commits from the run, the
 * other diffs every table; their versions.* tables are compared row by row.
 */
const keys = new Map(MODELS.map((m) => [m.id, m.key]));
const at = new Date(Date.UTC(2024, 0, 1));
const text = (f: InputFile) => new TextDecoder().decode(f.bytes);

/** The items of `orderIds` again, each 1.00 dearer. */
function dearerItems(first: InputFile[], orderIds: string[]): InputFile {
  const [header, ...lines] = text(first.find((f) => f.path.endsWith('olist_order_items_dataset.csv'))!).trimEnd().split('\n');
  const price = header!.split(',').map((h) => h.replaceAll('"', '')).indexOf('price');
  const picked = lines.filter((l) => orderIds.some((id) => l.includes(id))).map((l) => {
    const cells = l.split(',').map((c) => c.replaceAll('"', ''));
    cells[price] = (Number(cells[price]) + 1).toFixed(2);
    return cells.join(',');
  });
  return { path: 'items_update.csv', bytes: new TextEncoder().encode([header, ...picked].join('\n') + '\n') };
}

function batches(): InputFile[][] {
  const first = firstBatch();
  const changed = changedOrdersFile(first);
  const again = { ...changedOrdersFile(first, 6), path: 'orders_again.csv' };
  return [first, [changed, dearerItems(first, changed.orderIds), debeziumOrderChanges(first, 2, 2)], [again], []];
}

/** Copies every table of schema `from` into schema `to` (made empty first). */
async function copySchema(engine: Engine, from: string, to: string): Promise<void> {
  const tables = (await engine.query(`SELECT table_name AS t FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = '${from}'`)).toArray().map((r) => String(r.t));
  await engine.exec([`DROP SCHEMA IF EXISTS ${to} CASCADE`, `CREATE SCHEMA ${to}`, ...tables.map((t) => `CREATE TABLE ${to}."${t}" AS FROM ${from}."${t}"`)].join('; '));
}

/** Everything a version history schema holds: commits, changes, committed builds, and every history table's rows, sorted. */
async function history(engine: Engine, schema: string): Promise<string[]> {
  const all = async (sql: string) => (await engine.query(sql)).toArray().map((r) => JSON.stringify(r.toJSON(), (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
  const out: string[] = [];
  for (const t of await all(`SELECT table_name AS t FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = '${schema}' ORDER BY t`)) {
    const name = JSON.parse(t).t as string;
    out.push(name, ...(await all(`SELECT COLUMNS(*)::VARCHAR FROM ${schema}."${name}" ${name === 'commits' ? 'EXCLUDE (committed_at)' : ''} ORDER BY ALL`)));
  }
  return out;
}

describe.each(testEngines)('a batch commit from what the run knows (%s)', (_name, open) => {
  let engine: Engine;
  const commits: Array<{ known: CommittedVersion; whole: CommittedVersion; same: boolean }> = [];
  beforeAll(async () => {
    engine = await open();
    for (const files of batches()) {
      const report = await loadFiles(engine, files, { loadedAt: at });
      expect(report.errors).toEqual([]);
      await commitBatch(engine, report, at);
      const run = await runPipeline(engine, MODELS, { incremental: true });
      expect(run.models.filter((m) => m.status !== 'success')).toEqual([]);
      // The same version committed twice from the same state: from the run, then (history put back) by diffing every table.
      await copySchema(engine, 'versions', 'before_commit');
      const known = await commitVersion(engine, { kind: 'batch', keys, at, afterRun: true });
      await copySchema(engine, 'versions', 'from_run');
      await copySchema(engine, 'before_commit', 'versions');
      const whole = await commitVersion(engine, { kind: 'batch', keys, at });
      commits.push({ known, whole, same: JSON.stringify(await history(engine, 'from_run')) === JSON.stringify(await history(engine, 'versions')) });
    }
  }, 180_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('logs the same versions and history rows as diffing every table', async () => {
    expect(await history(engine, 'from_run')).toEqual(await history(engine, 'versions'));
    expect(commits.map((c) => c.same)).toEqual([true, true, true, true]);
    const counts = (c: CommittedVersion) => c.tables.map((t) => `${t.layer}.${t.name} +${t.added} ~${t.updated} -${t.deleted} =${t.rows}`);
    expect(commits.map((c) => counts(c.known))).toEqual(commits.map((c) => counts(c.whole)));
    // The batches did change what the run vouches for: merges with updates, new rows and deletes.
    const second = new Map(commits[1]!.known.tables.map((t) => [`${t.layer}.${t.name}`, t]));
    expect(second.get('silver.orders')).toMatchObject({ added: 1, deleted: 2 });
    expect(second.get('silver.orders')!.updated).toBeGreaterThan(0);
    expect(second.get('silver.order_items')!.updated).toBeGreaterThan(0);
  });

  it('takes what it can from the run: after the first batch, only the tables the run cannot vouch for are read', () => {
    expect(commits[0]!.known.fromRun).toEqual([]);
    const second = commits[1]!.known.fromRun;
    expect(second).toEqual(expect.arrayContaining(['bronze.order_items', 'bronze.customers', 'silver.orders', 'silver.order_items', 'silver.customers', 'duplicates.customers']));
    // bronze.orders gained the change records' columns (_op, _change_at) in batch 2: diffed whole then, appended in batch 3.
    expect(second).not.toContain('bronze.orders');
    expect(commits[2]!.known.fromRun).toEqual(expect.arrayContaining(['bronze.orders', 'silver.orders']));
    // Gold rebuilt by key (incremental: in its header) too; the other gold models were rebuilt whole, quarantine is written by loads too.
    const byKey = MODELS.filter((m) => m.incremental).map((m) => m.id);
    expect(byKey.length).toBeGreaterThan(0);
    expect(second.filter((t) => t.startsWith('gold.') || t.startsWith('quarantine.')).sort()).toEqual(byKey.sort());
    // The empty batch: nothing logged, every table but quarantine taken from the run.
    expect(commits[3]!.known.tables).toEqual([]);
    expect(commits[3]!.known.fromRun.length).toBeGreaterThan(30);
    expect(commits.every((c) => c.whole.fromRun.length === 0)).toBe(true);
  });

  it('hashes the tables the run rebuilt whole once, for the fingerprint, the key check and the diff', () => {
    expect(commits[0]!.known.rebuilt).toEqual([]);
    // Gold built whole from merged inputs (RFM's NTILEs, the medians), and the duplicates of every merged silver model.
    const second = commits[1]!.known.rebuilt;
    expect(second).toEqual(expect.arrayContaining(['gold.rfm', 'gold.customer_segments', 'gold.delivery_by_state', 'duplicates.orders', 'duplicates.order_items']));
    expect(second.filter((t) => commits[1]!.known.fromRun.includes(t))).toEqual([]);
    expect(commits.every((c) => c.whole.rebuilt.length === 0)).toBe(true);
  });
});
