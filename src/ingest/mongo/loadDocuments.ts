import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent, quoteLiteral } from '../../engine/sql';
import { appendTable } from '../appendTable';
import { tableExists } from '../../engine/catalog';
import type { BronzeConstants } from './bronzeColumns';
import { IngestError } from '../ingestError';
import type { InputFile } from '../inputFile';
import type { LoadedSource } from '../loadedSource';
import { recogniseSource, tableNameFromPath } from '../recogniseSource';
import { BatchStager, DEFAULT_BATCH_LIMITS, type BatchLimits } from './batchStager';
import { BsonFramingError } from './bsonFraming';
import { planCollection } from './collectionPlan';
import { isUnreadable, type DocumentItem, type ReadDocument, type UnreadableDocument } from './documentItem';
import { CollectionProfile } from './fieldProfile';
import type { ExactDates } from './outOfRangeDate';
import { throwIfCancelled } from '../cancelled';
import { PartialLoadError } from './partialLoadError';
import { repairDates } from './repairDates';
import { QuarantineBuffer } from './quarantineBuffer';

export interface DocumentLoadContext {
  /** Unique per load, so staging tables never collide. */
  id: string;
  /** The `_loaded_at` value, a TIMESTAMP literal such as `2026-11-25 20:00:00.000`. */
  loadedAt: string;
  /** Checked at every batch and before bronze is written: a cancel leaves only dropped staging. */
  signal?: AbortSignal;
}

/** A file of documents: its `_source_kind`, and its documents (iterable more than once). */
export interface DocumentSource {
  kind: 'json' | 'mongo';
  items(): Iterable<DocumentItem>;
  /** Reads a document's dates back from the source, for the ones a JS Date cannot hold. */
  exactDates(item: ReadDocument): ExactDates;
  /** What the source says about the whole file once it was read (values it had to interpret). */
  notes?(): string[];
}

/** How much is held in memory at a time; tests make these small. */
export interface DocumentLoadLimits {
  /**
   * Documents held while the first plan is made: the types of the first 10,000 documents
   * (or 16 MB of them) decide the columns; every later document is still profiled, and if
   * the whole collection asks for other columns the file is read a second time.
   */
  sampleDocuments: number;
  sampleBytes: number;
  batch: BatchLimits;
}

export const DEFAULT_LOAD_LIMITS: DocumentLoadLimits = { sampleDocuments: 10_000, sampleBytes: 16 * 1024 * 1024, batch: DEFAULT_BATCH_LIMITS };

/**
 * Loads one file of documents into bronze.<source>: every document is profiled (types per
 * field over the whole file), rows go to DuckDB as Arrow batches in bronze's shape (with
 * `_source`, `_source_kind`, `_row` and `_loaded_at`) into a hidden staging table, which
 * becomes bronze.<source> by a rename (or is appended to it by name). Unreadable
 * documents go to quarantine.<source>; a file whose BSON framing is lost keeps what was
 * read before the damage and ends with a PartialLoadError naming the byte offset.
 */
export async function loadDocuments(
  engine: Engine,
  file: InputFile,
  ctx: DocumentLoadContext,
  source: DocumentSource,
  limits: DocumentLoadLimits = DEFAULT_LOAD_LIMITS,
): Promise<LoadedSource> {
  const started = performance.now();
  // Staged in the bronze schema (hidden: tables whose name starts with `_` are not listed)
  // so that, when bronze.<source> is new, a rename makes it without copying the rows.
  const staging = `_mongo_${ctx.id}`;
  const constants: BronzeConstants = { source: file.path, kind: source.kind, loadedAtMicros: await epochMicros(engine, ctx.loadedAt) };
  const quarantine = new QuarantineBuffer(engine, file.path, `main._mongo_q_${ctx.id}`);
  const stagers: BatchStager[] = [];
  try {
    const profile = new CollectionProfile();
    const first = await firstPass(engine, `${staging}_a`, constants, source, profile, quarantine, limits, stagers, ctx.signal);
    const plan = planCollection(profile);
    let stager = first.stager;
    if (!stager || stager.plan.signature !== plan.signature) {
      // The sample's plan did not hold for the whole file: read it again with the final one.
      for (const s of stagers) await s.drop();
      stager = new BatchStager(engine, 'bronze', `${staging}_b`, plan, constants, limits.batch, ctx.signal);
      stagers.push(stager);
      await secondPass(source, stager);
    }
    await stager.flush();
    await stager.settled();
    const framing = first.framing;
    if (framing && stager.rows === 0 && quarantine.count === 0) {
      // Not one document could be read (not BSON at all, or cut inside the first): no table.
      throw new IngestError(file.path, `${framing.detail}; no document could be read.`, { byteOffset: framing.byteOffset });
    }

    throwIfCancelled(ctx.signal);
    const recognised = recogniseSource([...profile.fields.keys()]);
    const table = recognised ?? tableNameFromPath(file.path);
    await moveToBronze(engine, table, stager, file.path, source.kind, ctx.loadedAt);
    await quarantine.flush();
    if (quarantine.count > 0) {
      await appendTable(engine, 'quarantine', table, quarantineSelect(file.path, source.kind, ctx.loadedAt, quarantine.staging));
    }

    const loaded: LoadedSource = {
      file: file.path,
      format: source.kind,
      source: table,
      recognised: recognised !== undefined,
      table: `bronze.${table}`,
      rows: stager.rows,
      quarantined: quarantine.count,
      columns: plan.columns.map((c) => c.column),
      samples: quarantine.samples,
      milliseconds: Math.round(performance.now() - started),
      typeDecisions: plan.typeDecisions,
      fieldStats: plan.fieldStats,
    };
    const notes = [
      ...(stager.rows + quarantine.count === 0 ? [`the file holds no documents (an empty collection): ${`bronze.${table}`} was created without columns.`] : []),
      ...(source.notes?.() ?? []),
    ];
    if (notes.length) loaded.notes = notes;
    const kept = `${loaded.rows} document(s) before it were loaded into ${loaded.table}`;
    if (framing) {
      throw new PartialLoadError(
        file.path,
        `${framing.detail}. ${kept}${loaded.quarantined ? ` (${loaded.quarantined} quarantined)` : ''}; the last ${framing.unreadBytes} byte(s) of the file were not read. ` +
          'Get a complete copy of the file (run mongodump again) to load the rest.',
        { byteOffset: framing.byteOffset },
        loaded,
      );
    }
    if (first.cut) {
      throw new PartialLoadError(
        file.path,
        `the file is cut off: it ends inside the document that starts here (${first.cut.reason}). ${kept}, and the incomplete one is in quarantine; ` +
          'get the complete export (run mongoexport again) to load the rest.',
        { ...(first.cut.line !== undefined && { line: first.cut.line }), byteOffset: first.cut.byteOffset },
        loaded,
      );
    }
    return loaded;
  } finally {
    for (const s of stagers) await s.drop();
    await dropTable(engine, quarantine.staging);
  }
}

interface FirstPass {
  /** The stager built on the sample's plan; undefined when a document did not fit it. */
  stager?: BatchStager;
  framing?: BsonFramingError;
  /** The document the file ends inside, when an export is cut off. */
  cut?: UnreadableDocument;
}

/** Profiles every document, quarantines unreadable ones, and stages rows by the sample's plan. */
async function firstPass(
  engine: Engine,
  staging: string,
  constants: BronzeConstants,
  source: DocumentSource,
  profile: CollectionProfile,
  quarantine: QuarantineBuffer,
  limits: DocumentLoadLimits,
  stagers: BatchStager[],
  signal?: AbortSignal,
): Promise<FirstPass> {
  let stager: BatchStager | undefined;
  let sample: ReadDocument[] | undefined = [];
  let sampleStart = -1;
  let fits = true;
  let cut: UnreadableDocument | undefined;
  const start = async () => {
    stager = new BatchStager(engine, 'bronze', staging, planCollection(profile), constants, limits.batch, signal);
    stagers.push(stager);
    for (const held of sample!) {
      if (!(fits &&= stager.append(held))) break;
      if (stager.full) await stager.flush();
    }
    // The sample goes to DuckDB at once, so that DuckDB inserts it while the rest is read
    // (in the browser the inserts, not the reading, are the slower half).
    if (fits) await stager.flush();
    sample = undefined;
  };
  // A plain loop, awaiting only to hand a batch over: an await per document costs more
  // than profiling it.
  const framing = await untilFramingLost(async () => {
    for (const item of source.items()) {
      if (isUnreadable(item)) {
        if (item.truncated) cut ??= item;
        if (quarantine.add(item)) await quarantine.flush();
        continue;
      }
      if (profile.add(item.doc)) repairDates(item.doc, source.exactDates(item));
      if (sample) {
        sample.push(item);
        if (sampleStart < 0) sampleStart = item.byteOffset;
        if (sample.length >= limits.sampleDocuments || item.byteOffset - sampleStart >= limits.sampleBytes) await start();
      } else if (fits) {
        fits = stager!.append(item);
        if (fits && stager!.full) await stager!.flush();
      }
    }
  });
  if (sample) await start();
  return { stager: fits ? stager : undefined, framing, cut };
}

/** Reads the file again and stages every document by the final plan. */
async function secondPass(source: DocumentSource, stager: BatchStager): Promise<void> {
  // Profiling again only to find out-of-range dates in the freshly parsed documents.
  const repair = new CollectionProfile();
  await untilFramingLost(async () => {
    for (const item of source.items()) {
      if (isUnreadable(item)) continue;
      if (repair.add(item.doc)) repairDates(item.doc, source.exactDates(item));
      if (!stager.append(item)) throw new Error(`internal error: document ${item.row} does not fit the plan made from the whole file`);
      if (stager.full) await stager.flush();
    }
  });
}

/** Runs `read`; a BsonFramingError ends it and is returned (the documents before it stay). */
async function untilFramingLost(read: () => Promise<void>): Promise<BsonFramingError | undefined> {
  try {
    await read();
  } catch (error) {
    if (error instanceof BsonFramingError) return error;
    throw error;
  }
  return undefined;
}

/**
 * The staged rows become bronze.<table>: by a rename when the table is new (the staging
 * table already has bronze's columns), else appended by name (appendTable adds columns).
 */
async function moveToBronze(engine: Engine, table: string, stager: BatchStager, file: string, kind: string, loadedAt: string): Promise<void> {
  if (!stager.staged) {
    // An empty collection still gets its table, with the bronze columns only.
    const empty = `SELECT ${quoteLiteral(file)} AS _source, ${quoteLiteral(kind)} AS _source_kind, NULL::BIGINT AS _row, TIMESTAMP ${quoteLiteral(loadedAt)} AS _loaded_at WHERE false`;
    await appendTable(engine, 'bronze', table, empty);
  } else if (await tableExists(engine, 'bronze', table)) {
    await appendTable(engine, 'bronze', table, `SELECT * FROM ${stager.table}`);
  } else {
    await engine.exec(`ALTER TABLE ${stager.table} RENAME TO ${quoteIdent(table)}`);
  }
}

/** DuckDB's reading of the `_loaded_at` literal, to fill the batches' constant column. */
async function epochMicros(engine: Engine, timestamp: string): Promise<bigint> {
  const t = await engine.query(`SELECT epoch_us(TIMESTAMP ${quoteLiteral(timestamp)}) AS us`);
  return BigInt(t.get(0)?.us as bigint);
}

function quarantineSelect(file: string, kind: string, loadedAt: string, staging: string): string {
  return `SELECT ${quoteLiteral(file)} AS _source, ${quoteLiteral(kind)} AS _source_kind, _line, _byte_offset, _reason, _raw,
      TIMESTAMP ${quoteLiteral(loadedAt)} AS _loaded_at, 'ingest' AS _stage, _row
    FROM ${stagingName(staging)}`;
}

function stagingName(table: string): string {
  const [schema, name] = table.split('.', 2);
  return qualified(schema, name);
}

async function dropTable(engine: Engine, table: string): Promise<void> {
  await engine.exec(`DROP TABLE IF EXISTS ${stagingName(table)}`);
}
