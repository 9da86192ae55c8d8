import { useMemo } from 'react';
import { tableFromIPC } from 'apache-arrow';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import type { TableInfo } from '../../lakehouse/tableInfo';
import { formatCount } from '../format';
import { formatCell } from './formatCell';

interface Props {
  table: TableInfo;
  ipc: Uint8Array;
}

type Row = Record<string, unknown>;

/** The first rows of a table, in source order, with each column's type, in a TanStack table. */
export function TablePreview({ table, ipc }: Props) {
  const data = useMemo(() => tableFromIPC(ipc), [ipc]);
  const rows = useMemo(() => data.toArray().map((r) => r.toJSON() as Row), [data]);
  const columns = useMemo(() => {
    const helper = createColumnHelper<Row>();
    return data.schema.fields.map((field) =>
      helper.accessor((row) => row[field.name], {
        id: field.name,
        header: () => (
          <>
            <span className="col-name">{field.name}</span>
            <span className="col-type">{table.columns.find((c) => c.name === field.name)?.type ?? String(field.type)}</span>
          </>
        ),
        cell: (info) => formatCell(info.getValue(), field),
      }),
    );
  }, [data, table]);
  const grid = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel() });
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">
        {table.layer}.{table.name}{' '}
        <small>
          {formatCount(table.rows)} rows · {columns.length} columns · showing the first {formatCount(rows.length)}
        </small>
      </h2>
      <div className="grid-scroll" tabIndex={0} aria-label={`Preview of ${table.layer}.${table.name}`}>
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
    </section>
  );
}
