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

const LABELS: Record<ExportFormat, string> = { parquet: 'Parquet', csv: 'CSV', 'csv-excel': 'CSV for Excel' };

/**
 * Downloads of the selected table, the whole of it (not only the preview's rows). "CSV for
 * Excel" makes cells that a spreadsheet would run as formulas text (a leading `'`); plain
 * CSV keeps every value as it is, for tools that read CSV as data.
 */
export function TableExportButtons({ table, onExport }: Props) {
  const [status, run] = useExportAction();
  const name = `${table.layer}.${table.name}`;
  const download = (format: ExportFormat) =>
    run(`Exporting ${name} as ${LABELS[format]}`, async () => {
      const file = await onExport(table, format);
      saveFile(file.bytes, file.fileName, file.mimeType);
      return `Saved ${file.fileName} (${formatBytes(file.bytes.byteLength)}).`;
    });
  return (
    <div className="export-buttons" role="group" aria-label={`Download ${name}`}>
      <button type="button" onClick={() => download('parquet')} disabled={status.state === 'working'}>
        Download Parquet
      </button>
      <button type="button" onClick={() => download('csv')} disabled={status.state === 'working'} title="Plain CSV (RFC 4180): every value as it is">
        Download CSV
      </button>
      <button
        type="button"
        onClick={() => download('csv-excel')}
        disabled={status.state === 'working'}
        title="CSV to open in a spreadsheet: cells starting with = + - @ (formulas) get a leading ' so they stay text"
      >
        Download CSV for Excel
      </button>
      <span role="status" className={status.state === 'failed' ? 'error' : 'hint'}>
        {statusText(status)}
      </span>
    </div>
  );
}
