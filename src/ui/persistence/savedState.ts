import type { LakehouseSession } from '../../lakehouse/session';
import type { TableInfo } from '../../lakehouse/tableInfo';
import type { LakehouseClient } from '../client/lakehouseClient';

/** What the page knows about the lakehouse saved in this browser. */
export type SavedState =
  | { status: 'checking' }
  | { status: 'none' }
  /** `recording`: the run's version and run record are still being written (the dashboard came first). */
  | { status: 'saving'; recording?: boolean }
  | { status: 'saved'; tables: number; bytes: number; savedAt: string; milliseconds: number; restored: boolean; phases?: Record<string, number> }
  /** Found at start-up and not usable: the message says why; the app offers a reset. */
  | { status: 'damaged'; message: string }
  /** The last save failed (storage full, say): the lakehouse lives in this tab only. */
  | { status: 'failed'; message: string }
  /** Another tab has the stored lakehouse: this one works in memory and stores nothing. */
  | { status: 'elsewhere'; message: string };

/** True while start-up looks for a saved lakehouse: nothing can be loaded until it is restored. (A save runs in the background; the worker makes loads wait for it.) */
export const isPersisting = (s: SavedState) => s.status === 'checking';

export interface Restored {
  saved: SavedState;
  session?: LakehouseSession;
  tables?: TableInfo[];
}

/** Start-up: restores the saved lakehouse, if any; a damaged one is reported, never thrown. */
export async function restoreSaved(client: LakehouseClient): Promise<Restored> {
  try {
    const result = await client.restoreSaved();
    if (result.status === 'damaged' || result.status === 'elsewhere') return { saved: result };
    if (result.status === 'empty') return { saved: { status: 'none' } };
    return { saved: { status: 'saved', tables: result.tables, bytes: result.bytes, savedAt: result.savedAt, milliseconds: result.milliseconds, restored: true, phases: result.phases }, session: await client.session(), tables: await client.tables() };
  } catch (e) {
    return { saved: { status: 'damaged', message: `The lakehouse stored in this browser could not be read: ${(e as Error).message}` } };
  }
}

/** After a pipeline run: saves everything; a failure is reported, the data stays in the tab. */
export async function saveToBrowser(client: LakehouseClient): Promise<SavedState> {
  try {
    const result = await client.saveToBrowser();
    return result ? { status: 'saved', ...result, restored: false } : { status: 'none' };
  } catch (e) {
    return { status: 'failed', message: (e as Error).message };
  }
}
