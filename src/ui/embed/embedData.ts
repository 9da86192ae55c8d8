import type { TableInfo } from '../../lakehouse/tableInfo';
import { DEMO_SCALE } from '../load/demoScale';
import { Comlink, type LakehouseClient } from '../client/lakehouseClient';
import type { EmbedDataSource } from './embedParams';

/** The embed's data, ready to chart, or why there is none. */
export type EmbedData = { status: 'ready'; gold: TableInfo[] } | { status: 'none'; message: string } | { status: 'forbidden'; reason: string };

/** A step of getting ready, for the status line. */
export type EmbedStep = 'loading the demo data' | 'building silver and gold' | 'opening the saved lakehouse' | 'fetching the published extract';

export const NO_SAVED_LAKEHOUSE = 'No saved lakehouse in this browser — open Pocket Lakehouse and load data first.';

/**
 * Gets the embed's data ready in the (started) worker: the one place that decides where
 * an embed's lakehouse comes from.
 * - `demo`: generates the demo dataset and runs the pipeline, as "Try the demo" does.
 * - `extract`: an audience's published extract, for the URL the portal signed (403: not allowed).
 * - `saved`: the lakehouse the app stored in this browser (OPFS, the same origin), opened
 *   read-only from a copy of its database file: the embed never locks, writes or resets it,
 *   so the app can stay open beside it.
 */
export async function prepareEmbedData(client: LakehouseClient, source: EmbedDataSource, onStep?: (step: EmbedStep) => void, extractQuery = ''): Promise<EmbedData> {
  if (source === 'extract') {
    onStep?.('fetching the published extract');
    // The server checks the portal's signature; the page holds no key and decides nothing.
    const response = await fetch(`/extract?${extractQuery}`, { cache: 'no-store' });
    if (response.status === 403) return { status: 'forbidden', reason: (await response.text()).replace(/^not allowed: /, '').trim().slice(0, 200) };
    if (!response.ok) return { status: 'none', message: `Nothing is published for this audience (the server answered ${response.status}).` };
    const zip = new Uint8Array(await response.arrayBuffer());
    await client.loadExtract(Comlink.transfer(zip, [zip.buffer]));
    return { status: 'ready', gold: (await client.tables()).filter((t) => t.layer === 'gold') };
  }
  if (source === 'saved') {
    onStep?.('opening the saved lakehouse');
    const restored = await client.restoreSaved();
    if (restored.status === 'restored') return goldOf(await client.tables());
    if (restored.status === 'damaged' || restored.status === 'elsewhere') return { status: 'none', message: `${restored.message} Open Pocket Lakehouse to reset it.` };
    return { status: 'none', message: NO_SAVED_LAKEHOUSE };
  }
  onStep?.('loading the demo data');
  const report = await client.loadDemo(DEMO_SCALE);
  if (report.errors.length) throw new Error(`the demo data did not load: ${report.errors[0]!.message}`);
  onStep?.('building silver and gold');
  await client.runPipeline();
  return goldOf(await client.tables());
}

function goldOf(tables: TableInfo[]): EmbedData {
  const gold = tables.filter((t) => t.layer === 'gold');
  return gold.length ? { status: 'ready', gold } : { status: 'none', message: 'The lakehouse has no gold tables: open Pocket Lakehouse, load the shop’s data and let the pipeline run.' };
}
