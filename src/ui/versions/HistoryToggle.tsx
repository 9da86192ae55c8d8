import { useState } from 'react';
import type { TableInfo } from '../../lakehouse/tableInfo';
import type { LakehouseClient } from '../client/lakehouseClient';
import { TableHistory } from './TableHistory';

/** The Tables view's "History" button for the selected table, and its history when open. */
export function HistoryToggle({ table, api, onRestored }: { table: TableInfo; api: () => LakehouseClient; onRestored: () => void }) {
  const [open, setOpen] = useState(false);
  const id = `${table.layer}.${table.name}`;
  return (
    <>
      <button type="button" className="history-toggle" aria-expanded={open} aria-controls="table-history" onClick={() => setOpen(!open)}>
        History
      </button>
      <div id="table-history">{open && <TableHistory key={id} table={id} api={api} onRestored={onRestored} />}</div>
    </>
  );
}
