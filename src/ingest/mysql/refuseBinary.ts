import { IngestError } from '../ingestError';
import type { SqlStatement } from './statementSplitter';
import { isValidUtf8 } from './textEncoding';

/**
 * Refuses a file whose first statement is not text: a compressed file that lost its
 * extension, or not a dump at all. Dumps hold raw bytes only inside INSERT strings.
 */
export function refuseBinary(file: string, statement: SqlStatement): void {
  // Up to a character that may be cut where the look ends.
  const head = statement.bytes.length > 512 ? statement.bytes.subarray(0, 509) : statement.bytes;
  const where = { line: statement.line, statement: statement.index, byteOffset: statement.byteOffset };
  if (head[0] === 0x1f && head[1] === 0x8b) {
    throw new IngestError(file, 'this is a gzip file named .sql (it starts with the gzip signature 1F 8B): name it .sql.gz and load it again.', where);
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new IngestError(file, 'this is a zip archive named .sql (it starts with "PK"): name it .zip and load it again.', where);
  }
  if (head.includes(0) || !isValidUtf8(head)) {
    throw new IngestError(file, 'this is not a SQL dump: it starts with binary data, not text. Load the .sql file that mysqldump or mariadb-dump wrote (a compressed one as .sql.gz).', where);
  }
}
