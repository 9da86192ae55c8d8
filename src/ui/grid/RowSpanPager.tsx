import { formatCount } from '../format';

/**
 * Rows one scroll range holds. At 28 px a row a million rows is 28 M px, under the ~33.5 M
 * px that Chromium allows an element; longer tables are scrolled a million rows at a time.
 */
export const SPAN_ROWS = 1_000_000;

/** The first row of the span that holds `row`. */
export const spanStart = (row: number) => Math.floor(row / SPAN_ROWS) * SPAN_ROWS;

interface Props {
  base: number;
  span: number;
  total: number;
  onMove: (base: number) => void;
}

/** For tables longer than a span: which million rows the scrollbar covers, and buttons to the others. */
export function RowSpanPager({ base, span, total, onMove }: Props) {
  if (total <= SPAN_ROWS) return null;
  return (
    <div className="dg-pager" role="group" aria-label="Rows in the scroll range">
      <button type="button" disabled={base === 0} onClick={() => onMove(base - SPAN_ROWS)}>
        Previous million
      </button>
      <span data-testid="grid-span">
        Rows {formatCount(base + 1)}–{formatCount(base + span)} of {formatCount(total)}
      </span>
      <button type="button" disabled={base + span >= total} onClick={() => onMove(base + SPAN_ROWS)}>
        Next million
      </button>
    </div>
  );
}
