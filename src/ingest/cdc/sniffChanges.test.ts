import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, needsContent } from '../detectFormat';

const CDC = new URL('../../../fixtures/cdc/', import.meta.url);
const MYSQL = new URL('../../../fixtures/mysql/', import.meta.url);
const MONGO = new URL('../../../fixtures/mongo/', import.meta.url);
const read = (base: URL, name: string) => new Uint8Array(readFileSync(new URL(name, base)));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('change-data-capture files are told by content', () => {
  it.each(['debezium-schema.jsonl', 'debezium.jsonl'])('a Debezium topic dump, %s, under any name', (name) => {
    const bytes = read(CDC, name);
    for (const path of ['orders.jsonl', 'orders.json', 'topic.ndjson', 'topic.txt', 'topic']) {
      expect(needsContent(path), path).toBe(true);
      expect(detectFormat(path, bytes), path).toBe('debezium');
    }
  });

  it('a topic dump that starts with a tombstone, or whose first event is cut where the head ends', () => {
    const text = new TextDecoder().decode(read(CDC, 'debezium-schema.jsonl'));
    expect(detectFormat('t.jsonl', utf8(`\n${text}`))).toBe('debezium');
    expect(detectFormat('t.jsonl', utf8(text.slice(0, text.indexOf('"field":"before"') + 20)))).toBe('debezium');
    expect(detectFormat('t.jsonl', utf8(text.slice(0, 300)))).toBe('json'); // too little to tell
    expect(detectFormat('t.jsonl', utf8(text.split('\n')[0]!.replace(/^\{"schema":\{[^]*?,"payload":/, '').slice(0, 200)))).toBe('debezium');
  });

  it.each(['row.binlog.txt', 'row-with-ddl.binlog.txt', 'statement.binlog.txt'])('a decoded binary log, %s, under any name', (name) => {
    const bytes = read(CDC, name);
    for (const path of ['binlog.sql', 'binlog.txt', 'mysql-bin.000001', 'binlog']) expect(detectFormat(path, bytes), path).toBe('binlog');
  });

  it('dumps, Mongo exports and plain JSON stay what they were', () => {
    for (const name of readdirSync(MYSQL).filter((f) => f.endsWith('.sql'))) expect(detectFormat(name, read(MYSQL, name)), name).toBe('mysql');
    expect(detectFormat('schema.sql', read(CDC, 'schema.sql'))).toBe('mysql');
    for (const name of readdirSync(MONGO).filter((f) => f.endsWith('.json'))) expect(detectFormat(name, read(MONGO, name)), name).toBe('json');
    expect(detectFormat('a.jsonl', utf8('{"op":"sum","value":3}\n'))).toBe('json'); // an op, but no row images
    expect(detectFormat('a.json', utf8('[{"before":1,"after":2,"op":"c"}]'))).toBe('json'); // an array is a JSON export
  });
});
