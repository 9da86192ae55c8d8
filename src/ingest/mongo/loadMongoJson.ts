import type { Engine } from '../../engine/interface';
import { IngestError } from '../ingestError';
import type { InputFile } from '../inputFile';
import type { LoadedSource } from '../loadedSource';
import { contentStart } from './jsonDocumentSplitter';
import { jsonDocumentItems } from './jsonDocumentItems';
import { firstNonBlank, isMongoExportJson } from './isMongoExportJson';
import { loadDocuments, type DocumentLoadContext, type DocumentSource } from './loadDocuments';
import { exactJsonDates } from './outOfRangeDate';

/**
 * Loads a mongoexport file (one document per line, or `--jsonArray`, compact or pretty;
 * canonical, relaxed or legacy Extended JSON) into bronze.<collection's source> with
 * `_source_kind = 'json'`. A line or document that does not parse goes to quarantine with
 * its line; the others load.
 */
export async function loadMongoJson(engine: Engine, file: InputFile, ctx: DocumentLoadContext): Promise<LoadedSource> {
  const first = firstNonBlank(file.bytes, contentStart(file.bytes));
  if (first < file.bytes.length && !isMongoExportJson(file.bytes)) {
    throw new IngestError(file.path, 'this is not JSON documents: a mongoexport file starts with "{" (one document per line) or "[" (--jsonArray) and holds objects. ' +
      'Load what mongoexport wrote (or NDJSON: one object per line); other JSON cannot be loaded.', {
      line: lineAt(file.bytes, first),
      byteOffset: first,
    });
  }
  return loadDocuments(engine, file, ctx, mongoJsonSource(file.bytes));
}

/** The documents of a mongoexport file, for loadDocuments (`_source_kind = 'json'`). */
export function mongoJsonSource(bytes: Uint8Array): DocumentSource {
  const stats = { nonFinite: 0 };
  return {
    kind: 'json',
    // A second pass (the plan changed) counts again from zero.
    items: () => ((stats.nonFinite = 0), jsonDocumentItems(bytes, stats)),
    exactDates: (item) => exactJsonDates(item.text ?? ''),
    notes: () =>
      stats.nonFinite > 0
        ? [`${stats.nonFinite} value(s) written as bare NaN, Infinity or -Infinity (as Python's json module and PyMongo's json_util write them; JSON has no such numbers) were read as the doubles they stand for`]
        : [],
  };
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
