import { useMemo } from 'react';
import { tableFromIPC } from 'apache-arrow';
import type { TableInfo } from '../../lakehouse/tableInfo';
import { formatCount } from '../format';
import { formatCell } from './formatCell';

interface Props {
  table: TableInfo;
  ipc: Uint8Array;
}

/** The first rows of a table, in source order, with each column's type. */
export function TablePreview({ table, ipc }: Props) {
  const data = useMemo(() => tableFromIPC(ipc), [ipc]);
  const fields = data.schema.fields;
  const rows = data.toArray();
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">
        {table.layer}.{table.name}{' '}
        <small>
          {formatCount(table.rows)} rows · {fields.length} columns · showing the first {formatCount(rows.length)}
        </small>
      </h2>
      <div className="grid-scroll" tabIndex={0} aria-label={`Preview of ${table.layer}.${table.name}`}>
        <table>
          <thead>
            <tr>
              {fields.map((f) => (
                <th key={f.name} scope="col">
                  <span className="col-name">{f.name}</span>
                  <span className="col-type">{table.columns.find((c) => c.name === f.name)?.type ?? String(f.type)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {fields.map((f) => (
                  <td key={f.name}>{formatCell(row[f.name], f)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
