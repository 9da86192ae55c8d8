import { useMemo } from 'react';
import type { Table } from 'apache-arrow';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { formatCell } from './formatCell';

interface Props {
  /** An Arrow result, e.g. tableFromIPC of the bytes the worker sent. */
  data: Table;
  /** Names the scrollable region for screen readers. */
  label: string;
  /** Column types to show under the names (DuckDB's); Arrow's type otherwise. */
  columnTypes?: Record<string, string>;
}

type Row = Record<string, unknown>;

/** Rows of an Arrow result in a TanStack table: each column's name and type, values as text. */
export function ArrowGrid({ data, label, columnTypes }: Props) {
  const rows = useMemo(() => data.toArray().map((r) => r.toJSON() as Row), [data]);
  const columns = useMemo(() => {
    const helper = createColumnHelper<Row>();
    return data.schema.fields.map((field) =>
      helper.accessor((row) => row[field.name], {
        id: field.name,
        header: () => (
          <>
            <span className="col-name">{field.name}</span>
            <span className="col-type">{columnTypes?.[field.name] ?? String(field.type)}</span>
          </>
        ),
        cell: (info) => formatCell(info.getValue(), field),
      }),
    );
  }, [data, columnTypes]);
  const grid = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel() });
  return (
    <div className="grid-scroll" tabIndex={0} aria-label={label}>
      <table>
        <thead>
          {grid.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {grid.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
