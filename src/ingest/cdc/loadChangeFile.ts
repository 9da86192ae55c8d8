import type { Engine } from '../../engine/interface';
import { extensionOf, sizeOf, wholeBytesOf, type InputFile } from '../inputFile';
import { BinlogSchemas } from './binlog/binlogSchemas';
import { parseBinlog } from './binlog/parseBinlog';
import { parseDebezium } from './debezium/parseDebezium';
import { loadChanges, type ChangeLoadContext } from './loadChanges';

const utf8 = new TextDecoder();

/** A Debezium topic dump into bronze (loadChanges.ts says how). */
export async function loadDebeziumFile(engine: Engine, file: InputFile, ctx: ChangeLoadContext) {
  const parsed = parseDebezium(utf8.decode(await wholeBytesOf(file)));
  return loadChanges(engine, file.path, 'debezium', parsed, ctx);
}

/** SQL-ish files of the same load that may hold CREATE TABLE statements, and how large one may be to be read for them. */
const SCHEMA_EXTENSIONS = new Set(['sql', 'txt', 'dump', 'log', '']);
const MAX_SCHEMA_BYTES = 64 << 20;

/**
 * A decoded binary log into bronze. Its row events name columns by position: the CREATE
 * TABLEs of the other SQL files of the same load (a `mariadb-dump --no-data` file, a full
 * dump, another decoded log) name them, and the log's own DDL takes precedence from where it
 * appears.
 */
export async function loadBinlogFile(engine: Engine, file: InputFile, load: readonly InputFile[], ctx: ChangeLoadContext) {
  const schemas = new BinlogSchemas();
  const notes: string[] = [];
  for (const other of load) {
    if (other === file || !SCHEMA_EXTENSIONS.has(extensionOf(other.path))) continue;
    if (sizeOf(other) > MAX_SCHEMA_BYTES) {
      notes.push(`${other.path} was not searched for CREATE TABLE statements: it is larger than ${MAX_SCHEMA_BYTES >> 20} MB.`);
      continue;
    }
    const found = schemas.addFromSql(utf8.decode(await wholeBytesOf(other)));
    if (found) notes.push(`columns named from ${found} CREATE TABLE statement(s) in ${other.path}.`);
  }
  const parsed = parseBinlog(utf8.decode(await wholeBytesOf(file)), schemas);
  parsed.notes.unshift(...notes);
  return loadChanges(engine, file.path, 'binlog', parsed, ctx);
}
