import { columnTypes } from '../../engine/catalog';
import type { Engine } from '../../engine/interface';
import { qualified } from '../../engine/sql';
import { LAYERS, type Layer } from '../../pipeline/layers';
import { tableCsv } from './tableCsv';

/** `csv`: plain RFC 4180. `csv-excel`: the same with formula cells neutralised (spreadsheetSafe.ts). */
export const EXPORT_FORMATS = ['parquet', 'csv', 'csv-excel'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A file made in the worker for the page to save: its bytes are transferred, not copied. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** One table of the lakehouse as a Parquet (ZSTD, through parquet-wasm), CSV or CSV-for-Excel file. */
export async function exportTable(engine: Engine, layer: Layer, table: string, format: ExportFormat): Promise<ExportedFile> {
  if (!LAYERS.includes(layer)) throw new Error(`unknown layer ${layer}`);
  if (!EXPORT_FORMATS.includes(format)) throw new Error(`unknown export format ${format}`);
  const types = await columnTypes(engine, layer, table);
  if (types.size === 0) throw new Error(`There is no table ${layer}.${table} to export.`);
  if (format === 'csv') return { fileName: `${layer}.${table}.csv`, mimeType: 'text/csv', bytes: await tableCsv(engine, layer, table, types) };
  if (format === 'csv-excel') return { fileName: `${layer}.${table}.excel.csv`, mimeType: 'text/csv', bytes: await tableCsv(engine, layer, table, types, { neutraliseFormulas: true }) };
  return { fileName: `${layer}.${table}.parquet`, mimeType: 'application/vnd.apache.parquet', bytes: await engine.toParquet(`SELECT * FROM ${qualified(layer, table)}`) };
}
