import { useMemo } from 'react';
import { tableFromIPC } from 'apache-arrow';
import type { TableInfo } from '../../lakehouse/tableInfo';
import { formatCount } from '../format';
import { ArrowGrid } from './ArrowGrid';

interface Props {
  table: TableInfo;
  ipc: Uint8Array;
}

/** The first rows of a table, in source order, with each column's type. */
export function TablePreview({ table, ipc }: Props) {
  const types = useMemo(() => Object.fromEntries(table.columns.map((c) => [c.name, c.type])), [table]);
  const data = useMemo(() => tableFromIPC(ipc), [ipc]);
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">
        {table.layer}.{table.name}{' '}
        <small>
          {formatCount(table.rows)} rows · {table.columns.length} columns · showing the first {formatCount(data.numRows)}
        </small>
      </h2>
      <ArrowGrid data={data} label={`Preview of ${table.layer}.${table.name}`} columnTypes={types} />
    </section>
  );
}
