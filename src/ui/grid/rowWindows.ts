import { tableFromIPC, type Field } from 'apache-arrow';
import type { GridColumn, GridWindow } from '../../lakehouse/grid/gridTypes';
import { formatCell } from '../tables/formatCell';

/** Rows per request: a window the worker answers in milliseconds, a few per screen of scrolling. */
export const BLOCK_ROWS = 200;
/** Blocks kept in the page; the farthest from view go first. */
export const KEEP_BLOCKS = 8;

export type FetchBlock = (offset: number, limit: number) => Promise<GridWindow>;

/**
 * The rows of one grid query (a source under one sort and filters), fetched in blocks as
 * they come into view and formatted once as text. One request at a time, and only for
 * blocks still in view when it is sent: scrolling past a block never fetches it. A new
 * sort or filter makes a new RowWindows; the old one is closed and drops late answers.
 */
export class RowWindows {
  total?: number;
  columns?: GridColumn[];
  error?: string;
  /** Bumped on every change, for useSyncExternalStore. */
  version = 0;
  private readonly blocks = new Map<number, string[][]>();
  private fields?: Field[];
  private wanted = { first: 0, last: 0 };
  private inFlight?: number;
  private closed = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly fetchBlock: FetchBlock,
    initial?: GridWindow,
  ) {
    if (initial) this.accept(initial);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  /** The row's cells as text, or undefined while its block is not here. */
  row(index: number): string[] | undefined {
    return this.blocks.get(Math.floor(index / BLOCK_ROWS))?.[index % BLOCK_ROWS];
  }

  /** Blocks held now (tests and the page's budget check). */
  get heldBlocks(): number[] {
    return [...this.blocks.keys()];
  }

  /** Rows `first`..`last` (inclusive) are in view: fetch what they need. */
  want(first: number, last: number): void {
    const f = Math.floor(Math.max(0, first) / BLOCK_ROWS);
    const l = Math.floor(Math.max(0, last) / BLOCK_ROWS);
    this.wanted = { first: f, last: Math.max(f, l) };
    this.pump();
  }

  /** After an error (a worker call that failed or was cancelled): ask again for what is in view. */
  retry(): void {
    this.error = undefined;
    this.changed();
    this.pump();
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  private pump(): void {
    if (this.closed || this.inFlight !== undefined || this.error) return;
    const { first, last } = this.wanted;
    let block: number | undefined;
    for (let b = first; b <= last; b++) {
      if (!this.blocks.has(b) && (this.total === undefined || b * BLOCK_ROWS < this.total)) {
        block = b;
        break;
      }
    }
    if (block === undefined) return;
    this.inFlight = block;
    this.changed();
    this.fetchBlock(block * BLOCK_ROWS, BLOCK_ROWS).then(
      (window) => {
        if (this.closed) return;
        this.inFlight = undefined;
        this.accept(window);
        this.pump();
      },
      (error: Error) => {
        if (this.closed) return;
        this.inFlight = undefined;
        this.error = error.message;
        this.changed();
      },
    );
  }

  private accept(window: GridWindow): void {
    const table = tableFromIPC(window.ipc);
    this.fields ??= table.schema.fields;
    this.total = window.total;
    this.columns = window.columns;
    const vectors = table.schema.fields.map((_, c) => table.getChildAt(c)!);
    const rows: string[][] = [];
    for (let r = 0; r < table.numRows; r++) rows.push(vectors.map((v, c) => formatCell(v.get(r), this.fields![c]!)));
    this.blocks.set(Math.floor(window.offset / BLOCK_ROWS), rows);
    this.evict();
    this.changed();
  }

  /** Keeps KEEP_BLOCKS blocks: those farthest from the ones in view go. */
  private evict(): void {
    if (this.blocks.size <= KEEP_BLOCKS) return;
    const middle = (this.wanted.first + this.wanted.last) / 2;
    const byDistance = [...this.blocks.keys()].sort((a, b) => Math.abs(b - middle) - Math.abs(a - middle));
    for (const block of byDistance.slice(0, this.blocks.size - KEEP_BLOCKS)) this.blocks.delete(block);
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
