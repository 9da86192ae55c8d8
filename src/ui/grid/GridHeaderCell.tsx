import type { GridColumn } from '../../lakehouse/grid/gridTypes';
import { filterHint } from './parseFilter';

interface Props {
  column: GridColumn;
  width: number;
  sort: false | 'asc' | 'desc';
  onSort: (event: unknown) => void;
  filter: string;
  invalid: boolean;
  onFilter: (text: string) => void;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** A column's header: name and DuckDB type on a button that sorts (ascending, descending, none), and its filter box. */
export function GridHeaderCell({ column, width, sort, onSort, filter, invalid, onFilter }: Props) {
  return (
    <th role="columnheader" scope="col" aria-sort={sort ? ARIA_SORT[sort] : 'none'} style={{ width }}>
      <button type="button" className="dg-sort" onClick={onSort} title={`Sort by ${column.name}`}>
        <span className="col-name">{column.name}</span>
        <span className="col-type">{column.type}</span>
      </button>
      <input
        className="dg-filter"
        type="search"
        aria-label={`Filter ${column.name}`}
        aria-invalid={invalid || undefined}
        placeholder={filterHint(column)}
        value={filter}
        onChange={(e) => onFilter(e.target.value)}
        onKeyDown={(e) => e.stopPropagation()}
      />
    </th>
  );
}
