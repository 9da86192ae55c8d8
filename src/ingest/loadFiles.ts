import type { Engine } from '../engine/interface';
import { ensureLayerSchemas } from '../pipeline/layers';
import { DEFAULT_MAX_INFLATED_BYTES, expandArchives } from './archive/expandArchives';
import { loadCsv } from './csv/loadCsv';
import { loadBson } from './mongo/loadBson';
import { loadMongoJson } from './mongo/loadMongoJson';
import { PartialLoadError } from './mongo/partialLoadError';
import { loadDump, loadTabExport } from './mysql/loadDump';
import { loadBinlogFile, loadDebeziumFile } from './cdc/loadChangeFile';
import { detectFormat, isSideFile, needsContent } from './detectFormat';
import { SNIFF_BYTES } from './sniffFormat';
import { Cancelled } from './cancelled';
import { IngestError, type IngestProblem } from './ingestError';
import { estimateLoadedBytes, memoryLimit, memoryWarning, PIPELINE_FACTOR } from './memoryEstimate';
import { COMPRESSED_FACTOR, storeCompressedIfLarge } from './compressedStorage';
import { isOutOfMemory, outOfMemoryMessage } from './outOfMemory';
import { chunksOf, sizeOf, type InputFile } from './inputFile';
import type { LoadedSource } from './loadedSource';
import type { LoadProgress, ProgressListener } from './progress';

export interface LoadOptions {
  onProgress?: ProgressListener;
  /** `_loaded_at` for every row of this load; defaults to now. */
  loadedAt?: Date;
  maxInflatedBytes?: number;
  /** Cancels the load between files and batches: the file in progress leaves nothing behind. */
  signal?: AbortSignal;
}

export interface IngestReport {
  sources: LoadedSource[];
  /** Files (or archives) that could not be loaded at all. */
  errors: IngestProblem[];
  /** Files that were passed over on purpose (readmes, metadata), with why. */
  skipped: { file: string; reason: string }[];
  /** What loaders decided about a whole file (a dump's views skipped, …). */
  notes: { file: string; message: string }[];
  /** Wall time of the load, from unpacking to the last table. */
  milliseconds: number;
  /**
   * The load was cancelled: `sources` are the files loaded whole before that; the file in
   * progress was dropped (staging tables included) and the rest were not read.
   */
  cancelled?: boolean;
  /** The lakehouse batch this load became (src/lakehouse/batches), once it is recorded. */
  batch?: number;
  /** Said before loading: the files may not fit in DuckDB-WASM's memory (memoryEstimate.ts). */
  warnings?: string[];
}

export function emptyIngestReport(): IngestReport {
  return { sources: [], errors: [], skipped: [], notes: [], milliseconds: 0 };
}

let loadSeq = 0;

/**
 * Loads files into bronze: archives are expanded, each file is loaded by its format's
 * loader, and one file's failure never stops the others. Progress is reported per file.
 */
export async function loadFiles(engine: Engine, inputs: InputFile[], options: LoadOptions = {}): Promise<IngestReport> {
  const started = performance.now();
  // Before the schemas: a large load switches the lakehouse to compressed storage first.
  const warning = engine.kind === 'wasm' ? await warnAboutMemory(engine, inputs) : undefined;
  await ensureLayerSchemas(engine);
  const loadedAt = timestampLiteral(options.loadedAt ?? new Date());
  const progress: LoadProgress = {
    phase: 'inflating',
    filesDone: 0,
    filesTotal: inputs.length,
    bytesDone: 0,
    bytesTotal: inputs.reduce((n, f) => n + sizeOf(f), 0),
    rowsLoaded: 0,
  };
  const report = (update: Partial<LoadProgress>) => options.onProgress?.(Object.assign(progress, update));
  report({ memoryWarning: warning });

  const { files, problems } = expandArchives(inputs, { maxInflatedBytes: options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES });
  const result: IngestReport = { ...emptyIngestReport(), errors: problems.map((p) => p.toJSON()), ...(warning && { warnings: [warning] }) };
  report({ phase: 'loading', filesTotal: files.length, bytesTotal: files.reduce((n, f) => n + sizeOf(f), 0) });

  const tabPairs = pairTabExports(files);
  for (const file of files) {
    if (options.signal?.aborted) {
      result.cancelled = true;
      break;
    }
    const size = sizeOf(file);
    const before = progress.bytesDone;
    const pair = tabPairs.get(file);
    if (pair === null) continue; // the data half of a --tab pair: loaded with its .sql
    report({ file: file.path });
    try {
      const loaded = pair
        ? await loadTabExport(engine, file, pair, { id: nextId(), loadedAt, signal: options.signal })
        : await loadOne(engine, file, loadedAt, (n) => report({ bytesDone: before + n }), options.signal, files);
      if (typeof loaded === 'string') result.skipped.push({ file: file.path, reason: loaded });
      else {
        result.sources.push(...loaded.sources);
        result.notes.push(...(loaded.notes ?? []).map((message) => ({ file: file.path, message })));
        result.errors.push(...(loaded.errors ?? []));
        progress.rowsLoaded += loaded.sources.reduce((n, s) => n + s.rows, 0);
      }
    } catch (error) {
      // After a cancel, a failing statement is the engine's interrupt of it: cancelled too.
      if (error instanceof Cancelled || options.signal?.aborted) {
        result.cancelled = true;
        break;
      }
      // A file that stopped part-way still loaded what came before the problem.
      if (error instanceof PartialLoadError) result.sources.push(error.loaded);
      const problem = error instanceof IngestError
        ? error
        : new IngestError(file.path, isOutOfMemory(error) ? outOfMemoryMessage('while loading this file', error) : (error as Error).message ?? String(error));
      result.errors.push(problem.toJSON());
    }
    const done = pair ? 2 : 1; // a --tab pair is two files
    report({ filesDone: progress.filesDone + done, bytesDone: before + size + (pair ? sizeOf(pair) : 0) });
  }
  result.milliseconds = Math.round(performance.now() - started);
  report({ phase: 'done', file: undefined });
  return result;
}

/**
 * What one file became: its bronze tables, notes about the whole file and the parts of it
 * that could not be loaded (a dump cut off after its first tables), or why it was skipped.
 */
type LoadOutcome = { sources: LoadedSource[]; notes?: string[]; errors?: IngestProblem[] } | string;

async function loadOne(engine: Engine, file: InputFile, loadedAt: string, onBytes: (bytesRead: number) => void, signal: AbortSignal | undefined, load: readonly InputFile[]): Promise<LoadOutcome> {
  if (isSideFile(file.path)) return 'not a data file';
  const format = detectFormat(file.path, needsContent(file.path) ? await headOf(file) : undefined);
  const id = nextId();
  switch (format) {
    case 'csv':
      // One DuckDB statement: cancelled before it starts (an engine interrupt could stop it inside).
      return { sources: [await loadCsv(engine, file, { id, loadedAt })] };
    case 'mysql':
      return loadDump(engine, file, { id, loadedAt, onBytes, signal });
    case 'json':
      return { sources: [await loadMongoJson(engine, file, { id, loadedAt, signal })] };
    case 'bson':
      return { sources: [await loadBson(engine, file, { id, loadedAt, signal })] };
    case 'debezium':
      return loadDebeziumFile(engine, file, { id, loadedAt });
    case 'binlog':
      // Its row events name columns by position: the load's other SQL files may hold the CREATE TABLEs.
      return loadBinlogFile(engine, file, load, { id, loadedAt });
    case 'unknown':
      throw new IngestError(
        file.path,
        'unknown file type: its name does not say (expected .csv, .tsv, .sql, .json, .bson, .zip or .gz) and its start is not a MySQL dump, a JSON export or a CSV. ' +
          'If it is one of these, give it that extension and load it again.',
        { byteOffset: 0 },
      );
    default:
      throw new IngestError(file.path, `${format} files are not supported yet.`);
  }
}

/** The file's first bytes (SNIFF_BYTES at most), to tell its format by content. */
async function headOf(file: InputFile): Promise<Uint8Array> {
  if (!file.stream) return file.bytes.subarray(0, SNIFF_BYTES);
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of chunksOf(file, SNIFF_BYTES)) {
    parts.push(chunk);
    if ((length += chunk.length) >= SNIFF_BYTES) break;
  }
  const head = new Uint8Array(length);
  parts.reduce((at, p) => (head.set(p, at), at + p.length), 0);
  return head.subarray(0, SNIFF_BYTES);
}

/** The warning, if any, for what `inputs` will take; stores the lakehouse compressed when they are large. */
async function warnAboutMemory(engine: Engine, inputs: InputFile[]): Promise<string | undefined> {
  const limit = await memoryLimit(engine);
  if (limit === undefined) return undefined;
  const estimate = estimateLoadedBytes(inputs.map((f) => ({ path: f.path, size: sizeOf(f) })));
  const compressed = await storeCompressedIfLarge(engine, estimate * PIPELINE_FACTOR, limit);
  return memoryWarning(compressed ? estimate * COMPRESSED_FACTOR : estimate, limit);
}

function nextId(): string {
  return `${Date.now().toString(36)}_${loadSeq++}`;
}

/**
 * `mysqldump --tab` writes `<table>.sql` (schema) and `<table>.txt` (rows) side by side.
 * Maps each such .sql to its .txt, and each .txt to null (it is not loaded on its own).
 */
function pairTabExports(files: InputFile[]): Map<InputFile, InputFile | null> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const pairs = new Map<InputFile, InputFile | null>();
  for (const file of files) {
    if (!/\.sql$/i.test(file.path)) continue;
    const data = byPath.get(file.path.replace(/\.sql$/i, '.txt'));
    if (!data) continue;
    pairs.set(file, data);
    pairs.set(data, null);
  }
  return pairs;
}

/** A TIMESTAMP literal in UTC without time zone (DESIGN.md §3: no TIMESTAMPTZ, no icu). */
export function timestampLiteral(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
