import type { WindowRequest } from '../../lakehouse/grid/gridTypes';
import type { TableInfo } from '../../lakehouse/tableInfo';
import { BLOCK_ROWS } from './rowWindows';

/** The request for a table's first block in its default order: what the Tables view fetches before it shows a table. */
export function firstBlock(table: Pick<TableInfo, 'layer' | 'name'>): WindowRequest {
  return { source: { kind: 'table', layer: table.layer, table: table.name }, offset: 0, limit: BLOCK_ROWS };
}
