import { useEffect, useMemo, useState } from 'react';
import { tableFromIPC, type Table } from 'apache-arrow';
import type { TableInfo } from '../../lakehouse/tableInfo';
import { formatCount } from '../format';
import type { Mask } from './maskPii';
import { MaskedGrid } from './MaskedGrid';

interface Props {
  table: TableInfo;
  preview: (table: string) => Promise<Uint8Array>;
  mask: Mask;
  onShown: (table: string) => void;
}

/** A gold table's first rows, personal-data columns masked. */
export function EmbedTable({ table, preview, mask, onShown }: Props) {
  const [data, setData] = useState<Table>();
  const [error, setError] = useState<string>();
  const types = useMemo(() => Object.fromEntries(table.columns.map((c) => [c.name, c.type])), [table]);
  useEffect(() => {
    let current = true;
    preview(table.name).then(
      (ipc) => current && setData(tableFromIPC(ipc)),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [preview, table.name]);
  useEffect(() => {
    if (data || error) onShown(table.name);
  }, [data, error, onShown, table.name]);
  const id = `table-${table.name}-title`;
  return (
    <section className="embed-table" aria-labelledby={id} data-testid={`embed-table-${table.name}`}>
      <h2 id={id}>
        gold.{table.name}{' '}
        <small>
          {formatCount(table.rows)} rows{data ? ` · showing the first ${formatCount(data.numRows)}` : ''}
        </small>
      </h2>
      {error && (
        <p className="error" role="alert">
          gold.{table.name} could not be read: {error}
        </p>
      )}
      {!data && !error && <p className="hint">Loading gold.{table.name}…</p>}
      {data && <MaskedGrid data={data} label={`First rows of gold.${table.name}`} mask={mask} columnTypes={types} />}
    </section>
  );
}
