import { columnKind } from '../../lakehouse/grid/columnKind';
import type { GridColumn } from '../../lakehouse/grid/gridTypes';

const CHAR_PX = 8.2;
const PADDING_PX = 26;
const MIN_PX = 90;
const MAX_PX = 340;

/**
 * Fixed column widths (virtualised rows are positioned, so the browser cannot size
 * columns from their content): from the name, the type and the first rows' values.
 */
export function columnWidths(columns: readonly GridColumn[], sample: readonly (readonly string[])[]): number[] {
  return columns.map((column, c) => {
    const typical = { number: 10, date: 10, timestamp: 19, boolean: 5, text: 16, other: 20 }[columnKind(column.type)];
    let chars = Math.max(column.name.length + 2, column.type.length, typical);
    for (const row of sample) chars = Math.max(chars, Math.min(48, row[c]?.length ?? 0));
    return Math.round(Math.min(MAX_PX, Math.max(MIN_PX, chars * CHAR_PX + PADDING_PX)));
  });
}
