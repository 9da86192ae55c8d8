import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent, quoteLiteral } from '../../engine/sql';
import { appendTable } from '../appendTable';
import type { InputFile } from '../inputFile';
import type { LoadedSource } from '../loadedSource';
import { recogniseSource, tableNameFromPath } from '../recogniseSource';
import { BatchStager } from './batchStager';
import { BsonFramingError } from './bsonFraming';
import { planCollection, type CollectionPlan } from './collectionPlan';
import { isUnreadable, type DocumentItem, type ReadDocument } from './documentItem';
import { CollectionProfile } from './fieldProfile';
import { PartialLoadError } from './partialLoadError';
import { QuarantineBuffer } from './quarantineBuffer';

export interface DocumentLoadContext {
  /** Unique per load, so staging tables never collide. */
  id: string;
  /** The `_loaded_at` value, a TIMESTAMP literal such as `2026-11-25 20:00:00.000`. */
  loadedAt: string;
}

/** A file of documents: its `_source_kind`, and its documents (iterable more than once). */
export interface DocumentSource {
  kind: 'json' | 'mongo';
  items(): Iterable<DocumentItem>;
}

/**
 * Documents held while the first plan is made: the types of the first 10,000 documents
 * (or 16 MB of them) decide the columns; every later document is still profiled, and if
 * the whole collection asks for other columns the file is read a second time.
 */
const SAMPLE_DOCUMENTS = 10_000;
const SAMPLE_BYTES = 16 * 1024 * 1024;

/**
 * Loads one file of documents into bronze.<source>: every document is profiled (types per
 * field over the whole file), rows go to DuckDB as Arrow batches through a staging table,
 * then into bronze with `_source`, `_source_kind`, `_row` and `_loaded_at`. Unreadable
 * documents go to quarantine.<source>; a file whose BSON framing is lost keeps what was
 * read before the damage and ends with a PartialLoadError naming the byte offset.
 */
export async function loadDocuments(engine: Engine, file: InputFile, ctx: DocumentLoadContext, source: DocumentSource): Promise<LoadedSource> {
  const started = performance.now();
  const staging = `main._mongo_${ctx.id}`;
  const quarantine = new QuarantineBuffer(engine, file.path, `main._mongo_q_${ctx.id}`);
  try {
    const profile = new CollectionProfile();
    const first = await firstPass(engine, staging, source, profile, quarantine);
    const plan = planCollection(profile);
    let stager = first.stager;
    if (!stager || stager.plan.signature !== plan.signature) {
      // The sample's plan did not hold for the whole file: read it again with the final one.
      await dropTable(engine, staging);
      stager = await secondPass(engine, staging, source, plan);
    }
    await stager.flush();

    const recognised = recogniseSource([...profile.fields.keys()]);
    const table = recognised ?? tableNameFromPath(file.path);
    await appendTable(engine, 'bronze', table, bronzeSelect(file.path, source.kind, ctx.loadedAt, plan, stager));
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
    const framing = first.framing;
    if (framing) {
      const kept = `${loaded.rows} document(s) before it were loaded into ${loaded.table}${loaded.quarantined ? ` (${loaded.quarantined} quarantined)` : ''}`;
      throw new PartialLoadError(
        file.path,
        `${framing.detail}. ${kept}; the last ${framing.unreadBytes} byte(s) of the file were not read.`,
        { byteOffset: framing.byteOffset },
        loaded,
      );
    }
    return loaded;
  } finally {
    await dropTable(engine, staging);
    await dropTable(engine, quarantine.staging);
  }
}

interface FirstPass {
  /** The stager built on the sample's plan; undefined when a document did not fit it. */
  stager?: BatchStager;
  framing?: BsonFramingError;
}

/** Profiles every document, quarantines unreadable ones, and stages rows by the sample's plan. */
async function firstPass(engine: Engine, staging: string, source: DocumentSource, profile: CollectionProfile, quarantine: QuarantineBuffer): Promise<FirstPass> {
  let stager: BatchStager | undefined;
  let sample: ReadDocument[] | undefined = [];
  let sampleStart = -1;
  let fits = true;
  const start = async () => {
    stager = new BatchStager(engine, staging, planCollection(profile));
    for (const held of sample!) fits &&= await feed(stager, held);
    sample = undefined;
  };
  const framing = await eachItem(source.items(), async (item) => {
    if (isUnreadable(item)) return quarantine.add(item);
    profile.add(item.doc, item.exactDates);
    if (sample) {
      sample.push(item);
      if (sampleStart < 0) sampleStart = item.byteOffset;
      if (sample.length >= SAMPLE_DOCUMENTS || item.byteOffset - sampleStart >= SAMPLE_BYTES) await start();
    } else if (fits) {
      fits = await feed(stager!, item);
    }
  });
  if (sample) await start();
  return { stager: fits ? stager : undefined, framing };
}

/** Reads the file again and stages every document by the final plan. */
async function secondPass(engine: Engine, staging: string, source: DocumentSource, plan: CollectionPlan): Promise<BatchStager> {
  const stager = new BatchStager(engine, staging, plan);
  // Profiling again only to repair out-of-range dates in the freshly parsed documents.
  const repair = new CollectionProfile();
  await eachItem(source.items(), async (item) => {
    if (isUnreadable(item)) return;
    repair.add(item.doc, item.exactDates);
    if (!(await feed(stager, item))) {
      throw new Error(`internal error: document ${item.row} does not fit the plan made from the whole file`);
    }
  });
  return stager;
}

async function feed(stager: BatchStager, item: ReadDocument): Promise<boolean> {
  if (!stager.append(item)) return false;
  if (stager.full) await stager.flush();
  return true;
}

/** Runs `fn` on each item; a BsonFramingError ends the iteration and is returned. */
async function eachItem(items: Iterable<DocumentItem>, fn: (item: DocumentItem) => Promise<void>): Promise<BsonFramingError | undefined> {
  try {
    for (const item of items) await fn(item);
  } catch (error) {
    if (error instanceof BsonFramingError) return error;
    throw error;
  }
  return undefined;
}

function bronzeSelect(file: string, kind: string, loadedAt: string, plan: CollectionPlan, stager: BatchStager): string {
  const meta = `${quoteLiteral(file)} AS _source, ${quoteLiteral(kind)} AS _source_kind`;
  const at = `TIMESTAMP ${quoteLiteral(loadedAt)} AS _loaded_at`;
  if (stager.rows === 0) {
    // An empty collection still gets its table, with the bronze columns only.
    return `SELECT ${meta}, NULL::BIGINT AS _row, ${at} WHERE false`;
  }
  const columns = plan.columns.map((c) => `${quoteIdent(c.column)}, `).join('');
  return `SELECT ${columns}${meta}, _row, ${at} FROM ${stagingName(stager.staging)}`;
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
