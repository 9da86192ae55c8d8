/** What the dump splitter yields: statements with their exact bytes and positions. */

export interface SqlStatement {
  /** The statement without its delimiter and trailing whitespace; decoded lazily. */
  readonly text: string;
  /** The statement's exact bytes (what `text` was decoded from). */
  readonly bytes: Uint8Array;
  /** 1-based line of the statement's first character. */
  readonly line: number;
  /** Byte offset of the statement's first character in the file. */
  readonly byteOffset: number;
  /** 1-based statement number. */
  readonly index: number;
}

export interface SplitError {
  /** `oversized-statement`: it grew past the splitter's limit without ending (see StatementTooLarge). */
  kind: 'truncated-statement' | 'unterminated-comment' | 'oversized-statement';
  message: string;
  /** Where the unfinished statement (or comment) starts. */
  line: number;
  index: number;
  byteOffset: number;
  /** The unfinished statement's bytes (empty for a comment). */
  bytes: Uint8Array;
}

export interface SplitEnd {
  statements: SqlStatement[];
  error?: SplitError;
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** A statement whose text is decoded from its bytes only when asked for. */
export class Statement implements SqlStatement {
  private decoded: string | undefined;
  constructor(
    readonly bytes: Uint8Array,
    readonly line: number,
    readonly byteOffset: number,
    readonly index: number,
  ) {}
  get text(): string {
    return (this.decoded ??= decoder.decode(this.bytes));
  }
}
