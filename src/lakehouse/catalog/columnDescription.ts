import type { Model } from '../../pipeline/model';

/** What the bronze columns every layer carries mean (DESIGN.md §5). */
export const META_COLUMN_DESCRIPTIONS: Record<string, string> = {
  _source: 'The file the row came from (and the table or collection inside it).',
  _source_kind: 'The kind of source: csv, mysql, mongo, json, parquet, debezium or binlog (change records).',
  _row: "The row's position in its source.",
  _loaded_at: 'When the row was loaded.',
  _op: "Change records only: what happened to the row — c created, u updated, d deleted (the row as it was), r read by a snapshot.",
  _change_at: 'Change records only: when the change happened in the source database (UTC); empty when the record does not say.',
  _reason: 'Why the row could not be loaded or typed.',
  _stage: 'Where it was set aside: ingest (could not be read) or silver (broke a hard rule).',
  _line: 'The line of the file the record starts on.',
  _byte_offset: "The byte offset of the record's first byte in the file.",
  _raw: 'The raw text of the record, as read.',
};

/**
 * A column's description from its model's header comments: the clauses of the free
 * documentation that define it (`revenue = …`, `is_late: …`, `customer_city is …`), or,
 * when none does, the first clause that mentions it. Models document columns in prose,
 * a clause (sentence or `;`-separated part) per choice, so a clause is the unit shown.
 */
export function columnDescription(model: Pick<Model, 'docs'>, column: string): string | undefined {
  if (META_COLUMN_DESCRIPTIONS[column]) return META_COLUMN_DESCRIPTIONS[column];
  const clauses = model.docs
    .join(' ')
    .split(/;\s+|(?<=[a-z0-9)'"])\.\s+(?=[A-Za-z(])/)
    .map((c) => c.trim().replace(/\.$/, ''))
    .filter(Boolean);
  const name = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const mentions = new RegExp(`(^|[^a-z0-9_.])${name}(?![a-z0-9_])`, 'i');
  const defines = new RegExp(`(^|[^a-z0-9_.])${name}\\s*(=|:|\\(|is\\b|are\\b)`, 'i');
  const defining = clauses.filter((c) => defines.test(c));
  const chosen = defining.length ? defining : clauses.filter((c) => mentions.test(c)).slice(0, 1);
  return chosen.length ? chosen.join('; ') : undefined;
}
