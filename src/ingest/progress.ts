/** Progress of a long load, reported to the UI or the CLI as work goes on. */
export interface LoadProgress {
  phase: 'reading' | 'inflating' | 'loading' | 'generating' | 'done';
  /** The file being worked on, when there is one. */
  file?: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  rowsLoaded: number;
  /** Set when the files may not fit in DuckDB-WASM's memory (shown while they load). */
  memoryWarning?: string;
}

export type ProgressListener = (progress: LoadProgress) => void;
