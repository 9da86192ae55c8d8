import { describe, expect, it, vi } from 'vitest';
import type { TableInfo } from '../../lakehouse/tableInfo';
import type { LakehouseClient } from '../client/lakehouseClient';
import { NO_SAVED_LAKEHOUSE, prepareEmbedData } from './embedData';

const table = (layer: TableInfo['layer'], name: string): TableInfo => ({ layer, name, rows: 1, columns: [] });

type Restored = { status: 'empty' } | { status: 'restored'; tables: number; bytes: number; savedAt: string; milliseconds: number } | { status: 'damaged'; message: string };

function fakeClient(tables: TableInfo[], errors: { file: string; message: string }[] = [], restored: Restored = { status: 'empty' }) {
  const client = {
    restoreSaved: vi.fn(async () => restored),
    loadDemo: vi.fn(async () => ({ sources: [], errors, skipped: [], notes: [], milliseconds: 0 })),
    runPipeline: vi.fn(async () => ({})),
    tables: vi.fn(async () => tables),
  };
  return { client, remote: client as unknown as LakehouseClient };
}

describe('prepareEmbedData', () => {
  it('loads the demo at the app’s scale, runs the pipeline and returns the gold tables', async () => {
    const { client, remote } = fakeClient([table('bronze', 'orders'), table('gold', 'rfm'), table('gold', 'customer_ltv')]);
    const steps: string[] = [];
    const data = await prepareEmbedData(remote, 'demo', (s) => steps.push(s));
    expect(client.loadDemo).toHaveBeenCalledExactlyOnceWith(0.1);
    expect(client.runPipeline).toHaveBeenCalledOnce();
    expect(steps).toEqual(['loading the demo data', 'building silver and gold']);
    expect(data).toEqual({ status: 'ready', gold: [table('gold', 'rfm'), table('gold', 'customer_ltv')] });
  });

  it('says there is no saved lakehouse when the browser has none, and loads nothing', async () => {
    const { client, remote } = fakeClient([]);
    expect(await prepareEmbedData(remote, 'saved')).toEqual({ status: 'none', message: NO_SAVED_LAKEHOUSE });
    expect(client.restoreSaved).toHaveBeenCalledOnce();
    expect(client.loadDemo).not.toHaveBeenCalled();
    expect(client.tables).not.toHaveBeenCalled();
  });

  it('restores the lakehouse the app saved and returns its gold tables, without running anything', async () => {
    const { client, remote } = fakeClient([table('bronze', 'orders'), table('gold', 'rfm')], [], { status: 'restored', tables: 2, bytes: 10, savedAt: '2026-11-26T00:00:00Z', milliseconds: 5 });
    const steps: string[] = [];
    expect(await prepareEmbedData(remote, 'saved', (s) => steps.push(s))).toEqual({ status: 'ready', gold: [table('gold', 'rfm')] });
    expect(steps).toEqual(['opening the saved lakehouse']);
    expect(client.loadDemo).not.toHaveBeenCalled();
    expect(client.runPipeline).not.toHaveBeenCalled();
  });

  it('says why a damaged save cannot be shown, and where to reset it', async () => {
    const { remote } = fakeClient([], [], { status: 'damaged', message: 'The lakehouse saved in this browser cannot be restored: a file is missing.' });
    expect(await prepareEmbedData(remote, 'saved')).toEqual({ status: 'none', message: 'The lakehouse saved in this browser cannot be restored: a file is missing. Open Pocket Lakehouse to reset it.' });
  });

  it('fails with the demo’s load error, and says so when the pipeline built no gold', async () => {
    await expect(prepareEmbedData(fakeClient([], [{ file: 'demo/x.csv', message: 'out of memory' }]).remote, 'demo')).rejects.toThrow('the demo data did not load: out of memory');
    expect(await prepareEmbedData(fakeClient([table('bronze', 'orders')]).remote, 'demo')).toMatchObject({ status: 'none', message: expect.stringMatching(/no gold tables/) });
  });
});
