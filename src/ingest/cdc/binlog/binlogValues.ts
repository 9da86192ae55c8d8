import type { ColumnDefinition } from '../../mysql/createTable';
import { epochSecondsText } from '../timeText';

/**
 * One `@n=…` value of `mariadb-binlog --verbose` as the text a dump gives for the column
 * (its CREATE TABLE type says how to read it):
 * - strings are quoted; the tool writes every byte as is except bytes below 0x20, which it
 *   writes as `\xNN` (a quote or backslash inside is NOT escaped: the value runs to the
 *   last quote on the line). A literal `\x0a` typed into a value cannot be told from an
 *   escaped newline; it is read as the newline.
 * - DATE is written `'2018:01:02'` → `2018-01-02`; DATETIME as its text.
 * - TIMESTAMP is written as epoch seconds (`1515663000`, or `….123456`) → UTC text.
 * - ENUM is written as its 1-based index → the value (0, MySQL's invalid-value marker, → '');
 *   SET as its bit mask → the comma-joined members.
 * - integers below zero carry their unsigned reading in parentheses (`-1 (255)`): taken for
 *   UNSIGNED columns.
 * - `b'0101'` (BIT) → the digits.
 * With `--verbose --verbose` a `/* type meta=… *\/` comment follows each value: dropped.
 */
export function binlogValue(written: string, column: ColumnDefinition | undefined): string | null {
  const text = written.replace(/\s+\/\*[^']*\*\/\s*$/, '').trim();
  if (text === 'NULL') return null;
  const declared = column?.type.declared ?? '';
  const type = declared.toLowerCase();
  const base = /^[a-z]+/.exec(type)?.[0] ?? '';
  if (text.startsWith("'")) {
    const end = text.lastIndexOf("'");
    if (end <= 0) throw new RangeError(`unterminated string value ${text}`);
    const value = unescapeControl(text.slice(1, end));
    return base === 'date' && /^\d{4}:\d{2}:\d{2}$/.test(value) ? value.replaceAll(':', '-') : value;
  }
  const bits = /^b'([01]*)'$/.exec(text);
  if (bits) return bits[1]!;
  const number = /^(-?[\d.eE+-]+)(?:\s+\((\d+)\))?$/.exec(text);
  if (!number) throw new RangeError(`unreadable value ${text}`);
  const [, signed, unsignedReading] = number;
  if (base === 'timestamp') return epochSecondsText(Number(signed));
  if (base === 'enum') return enumValue(declared, Number(signed));
  if (base === 'set') return setValue(declared, BigInt(unsignedReading ?? signed!));
  if (unsignedReading && /\bunsigned\b/.test(type)) return unsignedReading;
  return signed!;
}

function unescapeControl(s: string): string {
  return s.replace(/\\x([01][0-9a-fA-F])/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The quoted members of `enum('a','b')` / `set('x','y')`, `''` unescaped. */
export function members(type: string): string[] {
  const list = /\((.*)\)/s.exec(type)?.[1] ?? '';
  const out: string[] = [];
  const re = /'((?:[^'\\]|''|\\.)*)'/g;
  for (let m = re.exec(list); m; m = re.exec(list)) out.push(m[1]!.replace(/''/g, "'").replace(/\\(.)/g, '$1'));
  return out;
}

function enumValue(type: string, index: number): string {
  if (index === 0) return '';
  const value = members(type)[index - 1];
  if (value === undefined) throw new RangeError(`ENUM index ${index} is past the ${members(type).length} values the table declares`);
  return value;
}

function setValue(type: string, mask: bigint): string {
  const all = members(type);
  return all.filter((_, i) => (mask >> BigInt(i)) & 1n).join(',');
}
