import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { GridFilter, GridSource, GridWindow, WindowRequest } from '../../lakehouse/grid/gridTypes';
import { formatCount } from '../format';
import { columnWidths } from './columnWidths';
import { GridHeaderCell } from './GridHeaderCell';
import { moveCell, type Cell } from './gridKeys';
import { parseFilter } from './parseFilter';
import { BLOCK_ROWS, RowWindows } from './rowWindows';
import { RowSpanPager, SPAN_ROWS, spanStart } from './RowSpanPager';
import './dataGrid.css';

export type FetchWindow = (request: WindowRequest) => Promise<GridWindow>;

interface Props {
  fetchWindow: FetchWindow;
  source: GridSource;
  /** Names the grid for screen readers, e.g. "Rows of gold.rfm". */
  label: string;
  /** The first block in the default order, when the caller already has it (no flash of "loading"). */
  initial?: GridWindow;
  /** Prefix for element ids (cells), unique in the page. */
  idPrefix: string;
}

export const ROW_HEIGHT = 28;
/** Below this many rows every row is rendered: virtualising them buys nothing. */
const RENDER_ALL_BELOW = 100;
const FILTER_DELAY_MS = 300;

interface GridRow {
  index: number;
  cells?: string[];
}

/**
 * Any table of any layer (or a console result) in a TanStack table whose rows are
 * virtualised and fetched from the worker in blocks as they scroll into view: sorting and
 * filtering run in DuckDB, so a million-row table never comes into the page.
 */
export function DataGrid({ fetchWindow, source, label, initial, idPrefix }: Props) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filterText, setFilterText] = useState<Record<string, string>>({});
  const [applied, setApplied] = useState<Record<string, string>>({});
  useEffect(() => {
    const timer = setTimeout(() => setApplied(filterText), FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filterText]);

  // Columns are known from the first answer; keep them across sorts and filters.
  const [knownColumns, setKnownColumns] = useState(initial?.columns);
  const parsed = useMemo(() => {
    const result: Record<string, { filter?: GridFilter; error?: string }> = {};
    for (const column of knownColumns ?? []) result[column.name] = parseFilter(applied[column.name] ?? '', column);
    return result;
  }, [applied, knownColumns]);
  const filters = useMemo(() => Object.values(parsed).flatMap((p) => (p.filter ? [p.filter] : [])), [parsed]);
  const sort = useMemo(() => sorting.map((s) => ({ column: s.id, desc: s.desc })), [sorting]);
  const queryKey = JSON.stringify([source, sort, filters]);

  const windows = useMemo(() => {
    const plain = sort.length === 0 && filters.length === 0;
    return new RowWindows((offset, limit) => fetchWindow({ source, sort, filters, offset, limit }), plain ? initial : undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- queryKey stands for source, sort and filters
  }, [queryKey, fetchWindow]);
  useEffect(() => () => windows.close(), [windows]);
  useSyncExternalStore(windows.subscribe, windows.getVersion);
  useEffect(() => {
    if (windows.columns && !knownColumns) setKnownColumns(windows.columns);
  });

  const columns = windows.columns ?? knownColumns ?? [];
  const total = windows.total;
  const rowCount = total ?? 0;
  // The scrollbar covers SPAN_ROWS rows from `base` (all of them, for most tables).
  const [span, setSpan] = useState({ windows, base: 0 });
  const base = span.windows === windows ? span.base : 0;
  const spanRows = Math.max(0, Math.min(SPAN_ROWS, rowCount - base));
  const pendingScroll = useRef<number>(undefined);
  const moveSpan = (to: number, row = to) => {
    setSpan({ windows, base: to });
    pendingScroll.current = row - to;
  };
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: spanRows,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: rowCount < RENDER_ALL_BELOW ? RENDER_ALL_BELOW : 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = base + (items[0]?.index ?? 0);
  const last = base + (items.at(-1)?.index ?? 0);
  useEffect(() => windows.want(first, last), [windows, first, last]);
  useEffect(() => {
    if (pendingScroll.current === undefined) return;
    virtualizer.scrollToIndex(pendingScroll.current, { align: 'auto' });
    pendingScroll.current = undefined;
  }, [base, virtualizer]);

  const widths = useMemo(() => {
    const sample: string[][] = [];
    for (let i = 0; i < Math.min(BLOCK_ROWS, rowCount); i++) {
      const row = windows.row(i);
      if (row) sample.push(row);
    }
    return columnWidths(columns, sample);
    // Widths are fixed once the first rows are in: columns must not jump while scrolling.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [columns, windows.row(0) !== undefined]);
  const width = widths.reduce((a, b) => a + b, 0);

  const columnDefs = useMemo<ColumnDef<GridRow>[]>(
    () => columns.map((c, i) => ({ id: c.name, accessorFn: (r: GridRow) => r.cells?.[i], sortDescFirst: false, meta: c })),
    [columns],
  );
  const data = useMemo(() => items.map((v) => ({ index: base + v.index, cells: windows.row(base + v.index) })), [items, base, windows, windows.version]);
  const table = useReactTable({
    data,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.index),
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    state: { sorting },
    onSortingChange: setSorting,
  });

  const [active, setActive] = useState<Cell>();
  const cellId = (cell: Cell) => `${idPrefix}-r${cell.row}-c${cell.col}`;
  const onKeyDown = (event: KeyboardEvent) => {
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const next = moveCell(event.key, event.ctrlKey || event.metaKey, active ?? { row: 0, col: 0 }, rowCount, columns.length, pageRows);
    if (!next) return;
    event.preventDefault();
    setActive(next);
    if (spanStart(next.row) !== base) moveSpan(spanStart(next.row), next.row);
    else virtualizer.scrollToIndex(next.row - base, { align: 'auto' });
    scrollColumnIntoView(scroller.current, widths, next.col);
  };
  const activeRendered = active && items.some((v) => base + v.index === active.row) && windows.row(active.row);

  const filtered = filters.length > 0;
  const filterErrors = Object.entries(parsed).filter(([, p]) => p.error);
  return (
    <div className="data-grid">
      <div className="dg-toolbar">
        <span role="status" className="dg-count" data-testid="grid-count">
          {total === undefined ? 'Counting rows…' : `${formatCount(total)} ${total === 1 ? 'row' : 'rows'}${filtered ? (total === 1 ? ' matches the filters' : ' match the filters') : ''}`}
          {windows.loading && <span className="dg-loading"> · loading rows…</span>}
        </span>
        {filtered && (
          <button type="button" onClick={() => setFilterText({})}>
            Clear filters
          </button>
        )}
        <RowSpanPager base={base} span={spanRows} total={rowCount} onMove={(to) => moveSpan(to)} />
        <span className="dg-keys">Arrow keys, Page Up/Down, Ctrl+Home/End move in the grid</span>
      </div>
      {filterErrors.map(([name, p]) => (
        <p key={name} className="error" role="alert">
          Filter on {name}: {p.error}
        </p>
      ))}
      {windows.error && (
        <p className="error" role="alert">
          Could not read rows: {windows.error}{' '}
          <button type="button" onClick={() => windows.retry()}>
            Try again
          </button>
        </p>
      )}
      <div className="dg-scroll" ref={scroller}>
        <table
          role="grid"
          aria-label={label}
          aria-rowcount={rowCount + 1}
          aria-colcount={columns.length}
          aria-busy={windows.loading}
          data-blocks={windows.heldBlocks.length}
          aria-activedescendant={activeRendered ? cellId(active) : undefined}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onFocus={(e) => e.target === e.currentTarget && setActive((a) => a ?? (rowCount > 0 ? { row: first, col: 0 } : undefined))}
          style={{ width }}
        >
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} role="row" aria-rowindex={1}>
                {group.headers.map((header, i) => (
                  <GridHeaderCell
                    key={header.id}
                    column={columns[i]!}
                    width={widths[i]!}
                    sort={header.column.getIsSorted()}
                    onSort={header.column.getToggleSortingHandler()!}
                    filter={filterText[header.id] ?? ''}
                    invalid={Boolean(parsed[header.id]?.error)}
                    onFilter={(text) => setFilterText((f) => ({ ...f, [header.id]: text }))}
                  />
                ))}
              </tr>
            ))}
          </thead>
          <tbody style={{ height: virtualizer.getTotalSize() }}>
            {table.getRowModel().rows.map((row, n) => {
              const item = items[n]!;
              return (
                <tr
                  key={row.id}
                  role="row"
                  aria-rowindex={row.original.index + 2}
                  className={row.original.cells ? undefined : 'dg-pending'}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {row.getVisibleCells().map((cell, c) => {
                    const isActive = active?.row === row.original.index && active.col === c;
                    return (
                      <td key={cell.id} role="gridcell" id={cellId({ row: row.original.index, col: c })} className={isActive ? 'dg-active' : undefined} style={{ width: widths[c] }}>
                        {(cell.getValue() as string | undefined) ?? ''}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
        {total === 0 && <p className="hint dg-empty">{filtered ? 'No rows match the filters: change or clear them.' : 'This table has no rows.'}</p>}
      </div>
    </div>
  );
}

function scrollColumnIntoView(scroller: HTMLElement | null, widths: number[], col: number): void {
  if (!scroller) return;
  const left = widths.slice(0, col).reduce((a, b) => a + b, 0);
  const right = left + (widths[col] ?? 0);
  if (left < scroller.scrollLeft) scroller.scrollLeft = left;
  else if (right > scroller.scrollLeft + scroller.clientWidth) scroller.scrollLeft = right - scroller.clientWidth;
}
