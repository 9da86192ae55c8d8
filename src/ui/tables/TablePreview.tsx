import type { GridWindow } from '../../lakehouse/grid/gridTypes';
import type { TableInfo } from '../../lakehouse/tableInfo';
import { formatCount } from '../format';
import { DataGrid, type FetchWindow } from '../grid/DataGrid';

interface Props {
  table: TableInfo;
  /** The table's first block of rows, fetched before the table is shown. */
  first: GridWindow;
  fetchWindow: FetchWindow;
}

/** A table of a layer in the data grid: every row reachable by scrolling, sorted and filtered in DuckDB. */
export function TablePreview({ table, first, fetchWindow }: Props) {
  const name = `${table.layer}.${table.name}`;
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">
        {name}{' '}
        <small>
          {formatCount(table.rows)} rows · {table.columns.length} columns
        </small>
      </h2>
      <DataGrid
        key={name}
        idPrefix="table-grid"
        label={`Rows of ${name}`}
        source={{ kind: 'table', layer: table.layer, table: table.name }}
        initial={first}
        fetchWindow={fetchWindow}
      />
    </section>
  );
}
