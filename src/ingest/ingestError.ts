/** Where in a file something went wrong; whichever parts are known. */
export interface SourcePosition {
  line?: number;
  statement?: number;
  byteOffset?: number;
}

/** A problem with one input file, naming the file and the position. */
export class IngestError extends Error {
  override readonly name = 'IngestError';

  constructor(
    readonly file: string,
    readonly detail: string,
    readonly position: SourcePosition = {},
  ) {
    super(`${file}${formatPosition(position)}: ${detail}`);
  }

  toJSON(): IngestProblem {
    return { file: this.file, message: this.detail, ...this.position };
  }
}

/** The serialisable form of an IngestError, for reports and across the worker boundary. */
export interface IngestProblem extends SourcePosition {
  file: string;
  message: string;
}

export function formatPosition(p: SourcePosition): string {
  const parts: string[] = [];
  if (p.line !== undefined) parts.push(`line ${p.line}`);
  if (p.statement !== undefined) parts.push(`statement ${p.statement}`);
  if (p.byteOffset !== undefined) parts.push(`byte ${p.byteOffset}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export function formatProblem(p: IngestProblem): string {
  return `${p.file}${formatPosition(p)}: ${p.message}`;
}
