import type { TableInfo } from '../../lakehouse/tableInfo';
import { DEMO_SCALE } from '../load/demoScale';
import type { LakehouseClient } from '../client/lakehouseClient';
import type { EmbedDataSource } from './embedParams';

/** The embed's data, ready to chart, or why there is none. */
export type EmbedData = { status: 'ready'; gold: TableInfo[] } | { status: 'none'; message: string };

/** A step of getting ready, for the status line. */
export type EmbedStep = 'loading the demo data' | 'building silver and gold' | 'opening the saved lakehouse';

export const NO_SAVED_LAKEHOUSE = 'No saved lakehouse in this browser — open Pocket Lakehouse and load data first.';

/**
 * Gets the embed's data ready in the (started) worker: the one place that decides where
 * an embed's lakehouse comes from.
 * - `demo`: generates the demo dataset and runs the pipeline, as "Try the demo" does.
 * - `saved`: the lakehouse the app stored in this browser (OPFS, the same origin), opened
 *   read-only from a copy of its database file: the embed never locks, writes or resets it,
 *   so the app can stay open beside it.
 */
export async function prepareEmbedData(client: LakehouseClient, source: EmbedDataSource, onStep?: (step: EmbedStep) => void): Promise<EmbedData> {
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
