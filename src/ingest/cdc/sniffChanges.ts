/**
 * Change-data-capture files told by their first bytes, whatever their name (`.json`,
 * `.jsonl`, `.sql`, `.txt`, none): a topic dump of Debezium events, or a binary log as
 * mariadb-binlog / mysqlbinlog decodes it.
 */
export type ChangeFormat = 'debezium' | 'binlog';

const latin1 = new TextDecoder('latin1');
/** What mariadb-binlog and mysqlbinlog print first, and the header of every event. */
const BINLOG_START = /^\/\*!50530 SET @@SESSION\.PSEUDO_SLAVE_MODE=1\*\/;/;
const EVENT_HEADER = /^#\d{6}\s+\d{1,2}:\d{2}:\d{2}\s+server id \d+\s+end_log_pos \d+/m;

export function sniffChanges(head: Uint8Array): ChangeFormat | undefined {
  let text = latin1.decode(head);
  if (text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
  if (BINLOG_START.test(text) || (/^DELIMITER \/\*!\*\/;$/m.test(text) && EVENT_HEADER.test(text))) return 'binlog';
  return isDebeziumLine(firstLine(text)) ? 'debezium' : undefined;
}

/** The first line that is not empty (a topic may start with a tombstone) nor a kcat status line. */
function firstLine(text: string): string {
  for (const line of text.split('\n').slice(0, 50)) {
    if (line.trim() !== '' && !line.startsWith('% ')) return line;
  }
  return '';
}

/** A Debezium envelope, bare or in Kafka Connect's schema/payload wrapper: an `op` beside `before`/`after`. */
function isDebeziumLine(line: string): boolean {
  if (!line.startsWith('{')) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    // Cut off where the head ends (a long first event): judge by the keys written so far.
    return /^\{"schema":\{"type":"struct","fields":\[\{"type":"struct".*"field":"before"\}/.test(line) || /^\{"before":.*"after":/.test(line);
  }
  const o = parsed as Record<string, unknown> | null;
  const envelope = o && typeof o === 'object' && 'payload' in o && 'schema' in o ? (o.payload as Record<string, unknown> | null) : o;
  return !!envelope && typeof envelope === 'object' && 'op' in envelope && ('after' in envelope || 'before' in envelope);
}
