export interface Cell {
  row: number;
  col: number;
}

/**
 * Where a key moves the active cell (the ARIA grid pattern): arrows by one, Page Up/Down
 * by a screen, Home/End to the row's first/last cell, Ctrl+Home/End to the first/last row.
 * Undefined for keys the grid does not handle.
 */
export function moveCell(key: string, ctrl: boolean, at: Cell, rows: number, cols: number, pageRows: number): Cell | undefined {
  if (rows === 0 || cols === 0) return undefined;
  const clamp = (cell: Cell): Cell => ({ row: Math.min(rows - 1, Math.max(0, cell.row)), col: Math.min(cols - 1, Math.max(0, cell.col)) });
  switch (key) {
    case 'ArrowDown':
      return clamp({ ...at, row: at.row + 1 });
    case 'ArrowUp':
      return clamp({ ...at, row: at.row - 1 });
    case 'ArrowRight':
      return clamp({ ...at, col: at.col + 1 });
    case 'ArrowLeft':
      return clamp({ ...at, col: at.col - 1 });
    case 'PageDown':
      return clamp({ ...at, row: at.row + Math.max(1, pageRows) });
    case 'PageUp':
      return clamp({ ...at, row: at.row - Math.max(1, pageRows) });
    case 'Home':
      return clamp(ctrl ? { row: 0, col: at.col } : { ...at, col: 0 });
    case 'End':
      return clamp(ctrl ? { row: rows - 1, col: at.col } : { ...at, col: cols - 1 });
    default:
      return undefined;
  }
}
