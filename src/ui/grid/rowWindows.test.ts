import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { GridWindow } from '../../lakehouse/grid/gridTypes';
import { BLOCK_ROWS, KEEP_BLOCKS, RowWindows } from './rowWindows';

const TOTAL = 100_000;

/** A fake worker: answers each block request with the row numbers as text, when the test says so. */
function fakeWorker() {
  const requests: Array<{ offset: number; resolve: () => void }> = [];
  const fetchBlock = (offset: number, limit: number) =>
    new Promise<GridWindow>((resolve) => {
      const ids = Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, i) => `row ${offset + i}`);
      const ipc = tableToIPC(tableFromArrays({ id: ids }), 'stream');
      requests.push({ offset, resolve: () => resolve({ offset, total: TOTAL, columns: [{ name: 'id', type: 'VARCHAR' }], ipc, milliseconds: 1 }) });
    });
  const answer = async () => {
    const r = requests.shift();
    r?.resolve();
    await new Promise((r) => setTimeout(r, 0));
    return r?.offset;
  };
  return { fetchBlock, requests, answer };
}

describe('RowWindows', () => {
  it('fetches the blocks in view, one request at a time, skipping blocks scrolled past', async () => {
    const worker = fakeWorker();
    const rows = new RowWindows(worker.fetchBlock);
    rows.want(0, 30);
    expect(worker.requests.map((r) => r.offset)).toEqual([0]);
    // Scrolled far before the first answer: block 0 still arrives, then only the new view's blocks are asked for.
    rows.want(50_100, 50_140);
    expect(await worker.answer()).toBe(0);
    expect(rows.row(5)).toEqual(['row 5']);
    expect(worker.requests.map((r) => r.offset)).toEqual([50_000]);
    await worker.answer();
    expect(rows.row(50_123)).toEqual(['row 50123']);
    expect(rows.total).toBe(TOTAL);
    // A view across two blocks asks for the second one next.
    rows.want(50_190, 50_230);
    expect(worker.requests.map((r) => r.offset)).toEqual([50_200]);
  });

  it(`keeps at most ${KEEP_BLOCKS} blocks, dropping those farthest from view`, async () => {
    const worker = fakeWorker();
    const rows = new RowWindows(worker.fetchBlock);
    for (let b = 0; b < 20; b++) {
      rows.want(b * BLOCK_ROWS, b * BLOCK_ROWS + 10);
      await worker.answer();
    }
    expect(rows.heldBlocks.length).toBe(KEEP_BLOCKS);
    expect(rows.row(19 * BLOCK_ROWS)).toEqual([`row ${19 * BLOCK_ROWS}`]);
    expect(rows.row(0)).toBeUndefined();
  });

  it('drops answers that arrive after it was closed (a new sort or filter)', async () => {
    const worker = fakeWorker();
    const rows = new RowWindows(worker.fetchBlock);
    rows.want(0, 10);
    rows.close();
    await worker.answer();
    expect(rows.row(0)).toBeUndefined();
    expect(rows.total).toBeUndefined();
  });
});
