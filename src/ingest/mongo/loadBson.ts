import type { Engine } from '../../engine/interface';
import type { InputFile } from '../inputFile';
import type { LoadedSource } from '../loadedSource';
import { bsonDocumentItems } from './bsonDocumentItems';
import { loadDocuments, type DocumentLoadContext, type DocumentSource } from './loadDocuments';
import { exactBsonDates } from './outOfRangeDate';

/**
 * Loads a mongodump collection file (`<db>/<collection>.bson`; `.bson.gz` arrives here
 * already inflated) into bronze.<collection's source> with `_source_kind = 'mongo'`.
 * The table is named by the collection's fields when they identify a logical source,
 * else by the file name, which mongodump makes the collection name. A document bson
 * rejects goes to quarantine with its byte offset (and its bytes as hex); a damaged
 * length prefix or a truncated file stops the file with a PartialLoadError naming the
 * byte offset, keeping the documents before it.
 */
export async function loadBson(engine: Engine, file: InputFile, ctx: DocumentLoadContext): Promise<LoadedSource> {
  return loadDocuments(engine, file, ctx, bsonSource(file.bytes));
}

/** The documents of a mongodump `.bson` file, for loadDocuments (`_source_kind = 'mongo'`). */
export function bsonSource(bytes: Uint8Array): DocumentSource {
  return {
    kind: 'mongo',
    items: () => bsonDocumentItems(bytes),
    exactDates: (item) => exactBsonDates(bytes, item.byteOffset, item.byteLength),
  };
}
