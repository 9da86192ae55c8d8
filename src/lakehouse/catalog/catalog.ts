import type { IngestReport } from '../../ingest/loadFiles';
import type { Layer } from '../../pipeline/layers';
import { bundledLineage, type LineageFile } from '../../pipeline/lineage/lineageFile';
import type { Model } from '../../pipeline/model';
import { piiKind, type PiiKind } from '../../pipeline/pii';
import type { TableInfo } from '../tableInfo';
import { columnDescription } from './columnDescription';

export interface CatalogColumn {
  name: string;
  /** DuckDB's type name. */
  type: string;
  description?: string;
  pii?: PiiKind;
  /** True when column lineage knows where it comes from (silver and gold columns). */
  lineage: boolean;
}

export interface CatalogTable {
  layer: Layer;
  name: string;
  rows: number;
  description?: string;
  grain?: string;
  key: string[];
  /** Bronze, quarantine and duplicates: the files the rows were loaded from. */
  files: string[];
  columns: CatalogColumn[];
}

/**
 * The lakehouse's catalog: every table of every layer (as listTables found them, in
 * layer order) with its documentation from the model headers, its source files from the
 * ingest report, and each column's type, description and PII tag.
 */
export function buildCatalog(tables: TableInfo[], models: Model[], ingest: IngestReport, lineage: LineageFile = bundledLineage): CatalogTable[] {
  const byId = new Map(models.map((m) => [m.id, m]));
  return tables.map((t) => {
    const id = `${t.layer}.${t.name}`;
    const model = byId.get(id);
    const files = t.layer === 'bronze' || t.layer === 'quarantine' || t.layer === 'duplicates' ? sourceFiles(ingest, t.name) : [];
    return {
      layer: t.layer,
      name: t.name,
      rows: t.rows,
      description: model?.description ?? describeUnmodelled(t.layer, t.name),
      grain: model?.grain,
      key: model?.key ?? [],
      files,
      columns: t.columns.map((c) => {
        const pii = piiKind(c.name);
        const description = columnDescription(model ?? { docs: [] }, c.name);
        return { name: c.name, type: c.type, ...(description ? { description } : {}), ...(pii ? { pii } : {}), lineage: Boolean(lineage.models[id]?.[c.name]) };
      }),
    };
  });
}

/** The files whose rows went into bronze.<source> (and its quarantine), in load order. */
export function sourceFiles(ingest: IngestReport, source: string): string[] {
  return [...new Set(ingest.sources.filter((s) => s.table === `bronze.${source}` || s.source === source).map((s) => s.file))];
}

function describeUnmodelled(layer: Layer, name: string): string | undefined {
  if (layer === 'bronze') return 'The rows as loaded, lossless: text sources keep their text, typed sources their types.';
  if (layer === 'quarantine') return `Rows for ${name} that could not be read, or that broke a hard rule of silver.${name}, each with the reason.`;
  if (layer === 'duplicates') {
    return `The bronze.${name} rows silver.${name} dropped as duplicates, by _source and _row (their values are in bronze), each naming the row silver kept (_kept_source, _kept_row) and whether it is an exact or a conflicting duplicate.`;
  }
  return undefined;
}
