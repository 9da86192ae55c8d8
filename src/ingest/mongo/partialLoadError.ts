import { IngestError, type SourcePosition } from '../ingestError';
import type { LoadedSource } from '../loadedSource';

/**
 * A file that stopped part-way (its BSON framing was lost): an IngestError naming the
 * byte offset, which also carries what was loaded before it, since those rows are in
 * bronze and the report should count them.
 */
export class PartialLoadError extends IngestError {
  constructor(
    file: string,
    detail: string,
    position: SourcePosition,
    readonly loaded: LoadedSource,
  ) {
    super(file, detail, position);
  }
}
