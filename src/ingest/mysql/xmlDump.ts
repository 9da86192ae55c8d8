import type { TableDefinition } from './createTable';
import { mapMysqlType } from './mysqlTypes';

/**
 * Reads `mysqldump --xml` output. It is not always well-formed XML — BLOB and BIT
 * values and control characters are written as raw bytes — so this is a byte scanner
 * for the few elements mysqldump writes, not an XML parser:
 *   <database name="db">
 *     <table_structure name="t"><field Field="c" Type="int(11)" …/>…</table_structure>
 *     <table_data name="t"><row><field name="c">value</field>
 *       <field name="d" xsi:nil="true" /></row>…</table_data>
 * Values keep their bytes; only the five XML entities and character references are decoded.
 */
export interface XmlDumpHandler {
  table(definition: TableDefinition): void;
  view(name: string): void;
  /** One row: column names with their value bytes (null for xsi:nil). */
  row(database: string | undefined, table: string, fields: [name: string, value: Uint8Array | null][], at: { line: number; byteOffset: number }): void | Promise<void>;
}

const LT = 0x3c, GT = 0x3e, AMP = 0x26, LF = 0x0a;
const text = new TextDecoder('utf-8', { fatal: false });

export class XmlDumpError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly byteOffset: number,
  ) {
    super(message);
  }
}

/** Whether `bytes` starts like mysqldump's XML (for files named .xml). */
export function isMysqlXml(bytes: Uint8Array): boolean {
  return /<mysqldump[\s>]/.test(text.decode(bytes.subarray(0, 512)));
}

export async function readXmlDump(bytes: Uint8Array, handler: XmlDumpHandler): Promise<void> {
  let pos = 0;
  let line = 1;
  let database: string | undefined;
  let structure: TableDefinition | undefined;
  let isView = false;
  let data: string | undefined;
  let fields: [string, Uint8Array | null][] | undefined;
  let rowAt = { line: 1, byteOffset: 0 };

  const advanceTo = (target: number) => {
    for (let i = pos; i < target; i++) if (bytes[i] === LF) line++;
    pos = target;
  };

  while (pos < bytes.length) {
    const open = bytes.indexOf(LT, pos);
    if (open < 0) break;
    advanceTo(open);
    const close = bytes.indexOf(GT, open);
    if (close < 0) throw new XmlDumpError('the file ends inside a tag', line, open);
    const tag = text.decode(bytes.subarray(open + 1, close));
    const closing = tag.startsWith('/');
    const name = /^\/?([\w:?!-]+)/.exec(tag)?.[1] ?? '';
    const attrs = attributes(tag);
    const selfClosing = tag.endsWith('/');
    advanceTo(close + 1);

    if (closing) {
      if (name === 'table_structure' && structure) {
        if (isView) handler.view(structure.table);
        else handler.table(structure);
        structure = undefined;
      } else if (name === 'table_data') data = undefined;
      else if (name === 'row' && fields && data) {
        await handler.row(database, data, fields, rowAt);
        fields = undefined;
      } else if (name === 'database') database = undefined;
      continue;
    }
    switch (name) {
      case 'database':
        database = attrs.name;
        break;
      case 'table_structure':
        structure = { table: attrs.name ?? '', columns: [] };
        isView = false;
        if (database !== undefined) structure.database = database;
        break;
      case 'table_data':
        data = attrs.name;
        break;
      case 'options':
        // A view's structure is written like a table's, with Comment="VIEW".
        if (structure && attrs.Comment === 'VIEW' && attrs.Engine === undefined) isView = true;
        break;
      case 'row':
        fields = [];
        rowAt = { line, byteOffset: open };
        break;
      case 'field':
        if (structure && attrs.Field !== undefined) {
          structure.columns.push({ name: attrs.Field, type: mapMysqlType(attrs.Type ?? ''), generated: /GENERATED/i.test(attrs.Extra ?? '') });
        } else if (fields && attrs.name !== undefined) {
          if (selfClosing) {
            fields.push([attrs.name, attrs['xsi:nil'] === 'true' ? null : new Uint8Array(0)]);
            break;
          }
          const end = indexOfBytes(bytes, '</field>', pos);
          if (end < 0) throw new XmlDumpError(`the value of field ${attrs.name} is not closed`, line, pos);
          fields.push([attrs.name, unescapeXml(bytes.subarray(pos, end))]);
          advanceTo(end + '</field>'.length);
        }
        break;
    }
  }
  if (fields && data) throw new XmlDumpError(`the file ends inside a row of ${data}`, rowAt.line, rowAt.byteOffset);
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]!] = unescapeXmlText(m[2]!);
  return out;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e] ?? whole;
  });
}

/** Decodes entities in a value's bytes, leaving every other byte (raw BLOB bytes too) as is. */
function unescapeXml(value: Uint8Array): Uint8Array {
  if (value.indexOf(AMP) < 0) return value;
  const out: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const b = value[i]!;
    const semi = b === AMP ? value.indexOf(0x3b, i) : -1;
    if (semi > i && semi - i <= 10) {
      const entity = text.decode(value.subarray(i, semi + 1));
      const decoded = unescapeXmlText(entity);
      if (decoded !== entity) {
        out.push(...new TextEncoder().encode(decoded));
        i = semi;
        continue;
      }
    }
    out.push(b);
  }
  return Uint8Array.from(out);
}

function indexOfBytes(bytes: Uint8Array, needle: string, from: number): number {
  const first = needle.charCodeAt(0);
  for (let i = bytes.indexOf(first, from); i >= 0; i = bytes.indexOf(first, i + 1)) {
    let match = true;
    for (let j = 1; j < needle.length && match; j++) match = bytes[i + j] === needle.charCodeAt(j);
    if (match) return i;
  }
  return -1;
}
