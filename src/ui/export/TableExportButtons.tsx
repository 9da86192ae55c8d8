import type { ExportedFile, ExportFormat } from '../../lakehouse/export/exportTable';
import type { TableInfo } from '../../lakehouse/tableInfo';
import { formatBytes } from '../../ingest/formatBytes';
import { saveFile } from './saveFile';
import { statusText, useExportAction } from './useExportAction';
import './export.css';

interface Props {
  table: TableInfo;
  onExport: (table: TableInfo, format: ExportFormat) => Promise<ExportedFile>;
}

/** Downloads of the selected table, the whole of it (not only the preview's rows). */
export function TableExportButtons({ table, onExport }: Props) {
  const [status, run] = useExportAction();
  const name = `${table.layer}.${table.name}`;
  const download = (format: ExportFormat) =>
    run(`Exporting ${name} as ${format.toUpperCase()}`, async () => {
      const file = await onExport(table, format);
      saveFile(file.bytes, file.fileName, file.mimeType);
      return `Saved ${file.fileName} (${formatBytes(file.bytes.byteLength)}).`;
    });
  return (
    <div className="export-buttons" role="group" aria-label={`Download ${name}`}>
      <button type="button" onClick={() => download('parquet')} disabled={status.state === 'working'}>
        Download Parquet
      </button>
      <button type="button" onClick={() => download('csv')} disabled={status.state === 'working'}>
        Download CSV
      </button>
      <span role="status" className={status.state === 'failed' ? 'error' : 'hint'}>
        {statusText(status)}
      </span>
    </div>
  );
}
