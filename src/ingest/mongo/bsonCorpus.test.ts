import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { EJSON } from 'bson';
import type { Engine } from '../../engine/interface';
import { testEngines } from '../../engine/testEngines';
import { ensureLayerSchemas } from '../../pipeline/layers';
import type { LoadedSource } from '../loadedSource';
import { bsonDocumentItems } from './bsonDocumentItems';
import { BsonFramingError } from './bsonFraming';
import { jsonDocumentItems } from './jsonDocumentItems';
import { loadBson } from './loadBson';
import { loadMongoJson } from './loadMongoJson';
import { ctx, rows } from './testing/mongoFixtures';

/**
 * MongoDB's BSON corpus (the specification's test vectors), when it is around: every
 * valid case is loaded from its canonical BSON, canonical Extended JSON, relaxed Extended
 * JSON and degenerate forms, and each value is checked in DuckDB against the canonical
 * Extended JSON, read here on its own (plain JSON.parse), not through our code.
 */
const corpusDir = new URL('../../../../shared/data/bson-corpus/', import.meta.url);
const corpusExists = existsSync(corpusDir);

interface CorpusFile {
  file: string;
  bson_type: string;
  test_key?: string;
  valid?: Array<{ description: string; canonical_bson: string; canonical_extjson: string; relaxed_extjson?: string; degenerate_bson?: string; degenerate_extjson?: string }>;
  decodeErrors?: Array<{ description: string; bson: string }>;
  parseErrors?: Array<{ description: string; string: string }>;
}

function readCorpus(): CorpusFile[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(new URL(file, corpusDir), 'utf8')) }));
}

const hex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
const utf8 = (s: string) => new TextEncoder().encode(s);

/** What DuckDB must hold for a value, from its canonical Extended JSON. */
type Expected =
  | { kind: 'text'; type: string; text: string | null }
  | { kind: 'double'; value: number }
  | { kind: 'decimal'; canonical: string }
  | { kind: 'timestamp'; micros: bigint }
  | { kind: 'blob'; hex: string }
  | { kind: 'bsonTimestamp'; t: number; i: number }
  | { kind: 'json'; canonical: unknown }
  /** Nested values, written by hand from the corpus: the column type and DuckDB's text of the value. */
  | { kind: 'duck'; type: string; text: string };

/** Cases whose value is an embedded document or array: their expectation, written by hand. */
const BY_HAND: Record<string, Expected> = {
  'array.json#Empty': { kind: 'duck', type: 'VARCHAR[]', text: '[]' },
  'array.json#Single Element Array': { kind: 'duck', type: 'INTEGER[]', text: '[10]' },
  'array.json#Single Element Array with index set incorrectly to empty string': { kind: 'duck', type: 'INTEGER[]', text: '[10]' },
  'array.json#Single Element Array with index set incorrectly to ab': { kind: 'duck', type: 'INTEGER[]', text: '[10]' },
  'array.json#Multi Element Array with duplicate indexes': { kind: 'duck', type: 'INTEGER[]', text: '[10, 20]' },
  'document.json#Empty subdoc': { kind: 'json', canonical: {} },
  'document.json#Empty-string key subdoc': { kind: 'json', canonical: { '': 'b' } },
  'document.json#Single-character key subdoc': { kind: 'duck', type: 'STRUCT(a VARCHAR)', text: "{'a': b}" },
  'document.json#Dollar-prefixed key in sub-document': { kind: 'duck', type: 'STRUCT("$a" VARCHAR)', text: "{'$a': b}" },
  'document.json#Dollar as key in sub-document': { kind: 'duck', type: 'STRUCT("$" VARCHAR)', text: "{'$': a}" },
  'document.json#Dotted key in sub-document': { kind: 'duck', type: 'STRUCT("a.b" VARCHAR)', text: "{'a.b': c}" },
  'document.json#Dot as key in sub-document': { kind: 'duck', type: 'STRUCT("." VARCHAR)', text: "{'.': a}" },
  'binary.json#$type query operator (conflicts with legacy $binary form with $type field)#string': { kind: 'duck', type: 'STRUCT("$type" VARCHAR)', text: "{'$type': string}" },
  'binary.json#$type query operator (conflicts with legacy $binary form with $type field)#int': { kind: 'duck', type: 'STRUCT("$type" INTEGER)', text: "{'$type': 2}" },
  'dbref.json#Sub-document resembles DBRef but $id is missing': { kind: 'duck', type: 'STRUCT("$ref" VARCHAR)', text: "{'$ref': collection}" },
  'dbref.json#Sub-document resembles DBRef but $ref is not a string': { kind: 'duck', type: 'STRUCT("$ref" INTEGER, "$id" VARCHAR)', text: "{'$ref': 1, '$id': 58921b3e6e32ab156a22b59e}" },
  'dbref.json#Sub-document resembles DBRef but $db is not a string': {
    kind: 'duck', type: 'STRUCT("$ref" VARCHAR, "$id" VARCHAR, "$db" INTEGER)', text: "{'$ref': collection, '$id': 58921b3e6e32ab156a22b59e, '$db': 1}",
  },
  // bson reads a $ref/$id document with other `$` fields as a document, not a DBRef: nothing is lost.
  'dbref.json#DBRef with additional dollar-prefixed and dotted fields': {
    kind: 'duck', type: 'STRUCT("$ref" VARCHAR, "$id" VARCHAR, "a.b" INTEGER, "$c" INTEGER)', text: "{'$ref': collection, '$id': 58921b3e6e32ab156a22b59e, 'a.b': 1, '$c': 1}",
  },
  'multi-type.json#All BSON types#Subdocument': { kind: 'duck', type: 'STRUCT(foo VARCHAR)', text: "{'foo': bar}" },
  'multi-type.json#All BSON types#Array': { kind: 'duck', type: 'INTEGER[]', text: '[1, 2, 3, 4, 5]' },
  'multi-type-deprecated.json#All BSON types#Subdocument': { kind: 'duck', type: 'STRUCT(foo VARCHAR)', text: "{'foo': bar}" },
  'multi-type-deprecated.json#All BSON types#Array': { kind: 'duck', type: 'INTEGER[]', text: '[1, 2, 3, 4, 5]' },
};

const DOUBLES: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** The expectation for a canonical Extended JSON value (parsed as plain JSON). */
function expectation(v: unknown): Expected | undefined {
  if (v === null) return { kind: 'text', type: 'VARCHAR', text: null };
  if (typeof v === 'string') return { kind: 'text', type: 'VARCHAR', text: v };
  if (typeof v === 'boolean') return { kind: 'text', type: 'BOOLEAN', text: String(v) };
  if (typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, any>;
  if ('$numberInt' in o) return { kind: 'text', type: 'INTEGER', text: o.$numberInt };
  if ('$numberLong' in o) return { kind: 'text', type: 'BIGINT', text: o.$numberLong };
  if ('$numberDouble' in o) return { kind: 'double', value: DOUBLES[o.$numberDouble] ?? Number(o.$numberDouble) };
  if ('$numberDecimal' in o) return { kind: 'decimal', canonical: o.$numberDecimal };
  if ('$date' in o) return { kind: 'timestamp', micros: BigInt(o.$date.$numberLong) * 1000n };
  if ('$binary' in o) return { kind: 'blob', hex: [...Buffer.from(o.$binary.base64, 'base64')].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase() };
  if ('$oid' in o || '$symbol' in o) return { kind: 'text', type: 'VARCHAR', text: o.$oid ?? o.$symbol };
  if ('$code' in o) return '$scope' in o ? { kind: 'json', canonical: o } : { kind: 'text', type: 'VARCHAR', text: o.$code };
  if ('$regularExpression' in o) return { kind: 'text', type: 'VARCHAR', text: `/${o.$regularExpression.pattern}/${o.$regularExpression.options}` };
  if ('$timestamp' in o) return { kind: 'bsonTimestamp', t: o.$timestamp.t, i: o.$timestamp.i };
  if ('$minKey' in o) return { kind: 'text', type: 'VARCHAR', text: 'MinKey' };
  if ('$maxKey' in o) return { kind: 'text', type: 'VARCHAR', text: 'MaxKey' };
  if ('$undefined' in o) return { kind: 'text', type: 'VARCHAR', text: null };
  if ('$dbPointer' in o) return { kind: 'json', canonical: o };
  const isDbRef = typeof o.$ref === 'string' && '$id' in o && (!('$db' in o) || typeof o.$db === 'string');
  if (isDbRef) return { kind: 'json', canonical: o };
  return undefined;
}

/** A plain decimal with `scale` digits after the point, as DuckDB writes DECIMAL(38,scale). */
function plainDecimal(canonical: string, scale: number): string {
  const m = /^(-)?(\d+)(?:\.(\d+))?(?:E([+-]\d+))?$/.exec(canonical)!;
  const fraction = m[3] ?? '';
  const exponent = Number(m[4] ?? 0) - fraction.length + scale;
  const digits = BigInt(m[2] + fraction) * 10n ** BigInt(exponent);
  const text = digits.toString().padStart(scale + 1, '0');
  const body = scale > 0 ? `${text.slice(0, -scale)}.${text.slice(-scale)}` : text;
  return (m[1] && digits !== 0n ? '-' : '') + body;
}

/** The column type a Decimal128 gets: DECIMAL(38,s) when the value fits exactly, else its text. */
function decimalType(canonical: string): string {
  const m = /^(-)?(\d+)(?:\.(\d+))?(?:E([+-]\d+))?$/.exec(canonical);
  if (!m) return 'VARCHAR'; // NaN, Infinity
  const fraction = m[3] ?? '';
  const exponent = Number(m[4] ?? 0) - fraction.length;
  const digits = (m[2] + fraction).replace(/^0+/, '');
  if (digits === '' && m[1]) return 'VARCHAR'; // -0: DECIMAL has no negative zero
  const scale = Math.max(0, -exponent);
  const integerDigits = digits === '' ? 0 : Math.max(0, digits.length + exponent);
  return integerDigits + scale <= 38 ? `DECIMAL(38,${scale})` : 'VARCHAR';
}

/** One value to check: a column of a row of a loaded table. */
interface Check {
  label: string;
  column: string;
  row: number;
  expected: Expected;
}

/** The one element of a single-field BSON document, its key renamed, the value bytes as they are. */
function renamedBsonElement(doc: Uint8Array, key: string): Uint8Array {
  const end = doc.indexOf(0, 5);
  const name = utf8(key);
  const out = new Uint8Array(1 + name.length + (doc.length - 1 - end));
  out[0] = doc[4];
  out.set(name, 1);
  out.set(doc.subarray(end, doc.length - 1), 1 + name.length);
  return out;
}

/** The one member of a single-field Extended JSON document, `"key": value`, key renamed. */
function renamedJsonMember(text: string, key: string): string {
  const body = text.trim().replace(/^\{\s*"(?:[^"\\]|\\.)*"\s*:/, '').replace(/\}$/, '');
  return `${JSON.stringify(key)}:${body}`;
}

/**
 * A file of one form. Most cases become fields of one document (their keys renamed), so
 * every case gets a column typed by its value alone while the table stays one row; the
 * Decimal128 cases (900 of them) are rows of their own, in one column per expected type,
 * since a thousand-column table would only test DuckDB's patience. Whole-document cases
 * are rows as they are.
 */
class Form {
  private readonly fields: Array<Uint8Array | string> = [];
  private readonly fieldChecks: Omit<Check, 'row'>[] = [];
  private readonly documents: Uint8Array[] = [];
  private readonly documentChecks: Array<Omit<Check, 'row'> & { index: number }> = [];

  constructor(
    readonly name: string,
    readonly path: string,
    /** Relaxed JSON cannot tell 1.0 from 1: doubles are compared by value only. */
    readonly relaxed = false,
  ) {}

  get bson(): boolean {
    return this.path.endsWith('.bson');
  }

  /** A case as a field (a BSON element or a JSON `"key": value`) of the first document. */
  addField(field: Uint8Array | string, check: Omit<Check, 'row'>): void {
    this.fields.push(field);
    this.fieldChecks.push(check);
  }

  /** A case as a document (a row) of its own: a single field, or a whole document. */
  addDocument(doc: Uint8Array | string, checks: Omit<Check, 'row'>[]): void {
    this.documents.push(typeof doc === 'string' ? utf8(doc) : doc);
    for (const c of checks) this.documentChecks.push({ ...c, index: this.documents.length });
  }

  private get first(): number {
    return this.fields.length > 0 ? 1 : 0;
  }

  get rows(): number {
    return this.first + this.documents.length;
  }

  get checks(): Check[] {
    return [...this.fieldChecks.map((c) => ({ ...c, row: 1 })), ...this.documentChecks.map(({ index, ...c }) => ({ ...c, row: this.first + index }))];
  }

  bytes(): Uint8Array {
    const head = this.fields.length === 0 ? [] : [this.bson ? bsonDocument(this.fields as Uint8Array[]) : utf8(`{${this.fields.join(',')}}\n`)];
    return concat([...head, ...this.documents]);
  }
}

function bsonDocument(elements: Uint8Array[]): Uint8Array {
  const body = concat(elements);
  const doc = new Uint8Array(4 + body.length + 1);
  new DataView(doc.buffer).setInt32(0, doc.length, true);
  doc.set(body, 4);
  return doc;
}

function buildForms(corpus: CorpusFile[]): Form[] {
  const bson = new Form('canonical BSON', 'corpus/cases.bson');
  const canonical = new Form('canonical Extended JSON', 'corpus/cases_canonical.json');
  const relaxedJson = new Form('relaxed Extended JSON', 'corpus/cases_relaxed.json', true);
  const wholeBson = new Form('whole documents, BSON', 'corpus/documents.bson');
  const wholeJson = new Form('whole documents, canonical Extended JSON', 'corpus/documents_canonical.json');
  for (const spec of corpus) {
    const stem = spec.file.replace(/\.json$/, '').replace(/[^a-z0-9]+/gi, '_');
    const key = spec.test_key ?? (spec.file === 'dbref.json' ? 'dbref' : undefined);
    (spec.valid ?? []).forEach((c, n) => {
      const doc = JSON.parse(c.canonical_extjson) as Record<string, unknown>;
      const keys = Object.keys(doc);
      const label = `${spec.file}#${c.description}`;
      if (key !== undefined && keys.length === 1 && keys[0] === key) {
        const variant = typeof doc[key] === 'object' && doc[key] !== null && '$type' in (doc[key] as object) ? (typeof (doc[key] as any).$type === 'string' ? '#string' : '#int') : '';
        const expected = BY_HAND[label + variant] ?? BY_HAND[label] ?? expectation(doc[key]);
        if (!expected) throw new Error(`no expectation for ${label}`);
        const add = (form: Form, value: Uint8Array | string, column: string, what: string) => {
          const check = { label: what, column, expected };
          if (expected.kind !== 'decimal') return form.addField(value, check);
          form.addDocument(typeof value === 'string' ? `{${value}}\n` : bsonDocument([value]), [check]);
        };
        const column = expected.kind === 'decimal' ? `decimal_${decimalType(expected.canonical).replace(/\W+/g, '_')}` : `${stem}_${n}`;
        add(bson, renamedBsonElement(hex(c.canonical_bson), column), column, label);
        add(canonical, renamedJsonMember(c.canonical_extjson, column), column, label);
        if (c.relaxed_extjson) add(relaxedJson, renamedJsonMember(c.relaxed_extjson, column), column, `${label} (relaxed)`);
        const degenerate = expected.kind === 'decimal' ? column : `${column}_d`;
        if (c.degenerate_bson) add(bson, renamedBsonElement(hex(c.degenerate_bson), degenerate), degenerate, `${label} (degenerate)`);
        if (c.degenerate_extjson) add(canonical, renamedJsonMember(c.degenerate_extjson, degenerate), degenerate, `${label} (degenerate)`);
      } else {
        const checks = keys.map((k) => {
          const expected = BY_HAND[`${label}#${k}`] ?? expectation(doc[k]);
          if (!expected) throw new Error(`no expectation for ${label} ${k}`);
          return { label: `${label} [${k}]`, column: k, expected };
        });
        wholeBson.addDocument(hex(c.canonical_bson), checks);
        wholeJson.addDocument(c.canonical_extjson + '\n', checks);
      }
    });
  }
  return [bson, canonical, relaxedJson, wholeBson, wholeJson];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One SQL expression per check, all in one query: max over the one row the check is about. */
function checkSql(check: Check, i: number): string[] {
  const c = q(check.column);
  const at = (expr: string) => `max(CASE WHEN _row = ${check.row} THEN ${expr} END)`;
  switch (check.expected.kind) {
    case 'double':
      return [`${at(`${c}::DOUBLE`)} AS v${i}`];
    case 'timestamp':
      return [`${at(`epoch_us(${c})::VARCHAR`)} AS v${i}`];
    case 'blob':
      return [`${at(`hex(${c})`)} AS v${i}`];
    case 'bsonTimestamp':
      return [`${at(`${c}.t::VARCHAR || ',' || ${c}.i::VARCHAR`)} AS v${i}`];
    default:
      return [`${at(`${c}::VARCHAR`)} AS v${i}`];
  }
}

function verify(check: Check, type: string, got: unknown, relaxed: boolean): void {
  const e = check.expected;
  const what = `${check.label} (${check.column}: ${type})`;
  switch (e.kind) {
    case 'text':
      if (!(relaxed && e.type !== 'VARCHAR')) expect(type, what).toBe(e.type);
      expect(got, what).toBe(e.text);
      break;
    case 'double':
      if (!relaxed) expect(type, what).toBe('DOUBLE');
      expect(Object.is(got, e.value) || (Number.isNaN(e.value) && Number.isNaN(got as number)), `${what}: ${got} should be ${e.value}`).toBe(true);
      break;
    case 'decimal': {
      expect(type, what).toBe(decimalType(e.canonical));
      const scale = /^DECIMAL\(38,(\d+)\)$/.exec(type);
      expect(got, what).toBe(scale ? plainDecimal(e.canonical, Number(scale[1])) : e.canonical);
      break;
    }
    case 'timestamp':
      expect(type, what).toBe('TIMESTAMP');
      expect(got, what).toBe(e.micros.toString());
      break;
    case 'blob':
      expect(type, what).toBe('BLOB');
      expect(got, what).toBe(e.hex);
      break;
    case 'bsonTimestamp':
      expect(type, what).toBe('STRUCT(t UINTEGER, i UINTEGER)');
      expect(got, what).toBe(`${e.t},${e.i}`);
      break;
    case 'json': {
      expect(type, what).toBe('VARCHAR');
      // Compare as values: our relaxed text and the canonical form, both read back by bson.
      const norm = (text: string) => EJSON.stringify(EJSON.parse(text, { relaxed: false }), { relaxed: false });
      expect(norm(got as string), what).toBe(norm(JSON.stringify(e.canonical)));
      break;
    }
    case 'duck':
      expect(type, what).toBe(e.type);
      expect(got, what).toBe(e.text);
      break;
  }
}

describe.skipIf(!corpusExists)('the BSON corpus', () => {
  const corpus = corpusExists ? readCorpus() : [];

  it('has the files this test expects', () => {
    const files = corpus.map((c) => c.file);
    for (const f of ['int32.json', 'int64.json', 'double.json', 'decimal128-1.json', 'datetime.json', 'binary.json', 'timestamp.json', 'regex.json', 'minkey.json', 'maxkey.json', 'code.json', 'symbol.json', 'oid.json', 'boolean.json', 'null.json', 'document.json', 'array.json', 'multi-type.json']) {
      expect(files).toContain(f);
    }
  });

  it('never reads a document out of the decode errors (except a valid document followed by garbage)', () => {
    let checked = 0;
    for (const spec of corpus) {
      for (const c of spec.decodeErrors ?? []) {
        const outcome: string[] = [];
        try {
          for (const item of bsonDocumentItems(hex(c.bson))) outcome.push('reason' in item ? 'unreadable' : 'document');
        } catch (error) {
          if (!(error instanceof BsonFramingError)) throw error;
          outcome.push('framing');
        }
        const label = `${spec.file}: ${c.description}`;
        if (c.description === 'Stated length less than byte count, with garbage after envelope') {
          // In a .bson file documents follow each other: the first 18 bytes are a valid
          // document, and the 4 garbage bytes after it are a broken next length prefix.
          expect(outcome, label).toEqual(['document', 'framing']);
        } else {
          expect(outcome, label).not.toContain('document');
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(70);
  });

  /**
   * Extended JSON the corpus says must be refused but bson 7's EJSON.parse accepts: we
   * decode with bson (no Extended JSON parser of our own), so we inherit its leniency.
   * mongoexport never writes these forms. `{"$date": 42}` is accepted on purpose: it is
   * the legacy (v1) form of a date.
   */
  const ACCEPTED_BY_BSON = new Set([
    'Bad $regularExpression (extra field)', 'Bad $regularExpression (missing options field)', 'Bad $oid (extra field)',
    'Bad $numberInt (number, not string)', 'Bad $numberInt (extra field)', 'Bad $numberLong (extra field)',
    'Bad $numberDouble (number, not string)', 'Bad $numberDouble (extra field)', 'Bad $numberDecimal (extra field)',
    'Bad $binary (type is number, not string)', 'Bad $binary (missing $type)', 'Bad $binary (extra field)',
    'Bad $code (type is number, not string)', 'Bad $code (type is number, not string) when $scope is also present',
    'Bad $code (extra field)', 'Bad $code with $scope (scope is number, not doc)', 'Bad $date (number, not string or hash)',
    'Bad $date (extra field)', 'Bad $minKey (boolean, not integer)', 'Bad $minKey (wrong integer)', 'Bad $minKey (extra field)',
    'Bad $maxKey (boolean, not integer)', 'Bad $maxKey (wrong integer)', 'Bad $maxKey (extra field)', 'Bad DBpointer (extra field)',
  ]);

  it('quarantines the Extended JSON parse errors, apart from the ones bson accepts', () => {
    const accepted: string[] = [];
    let refused = 0;
    for (const spec of corpus) {
      for (const c of spec.parseErrors ?? []) {
        // The decimal files give the bare $numberDecimal string.
        const text = spec.bson_type === '0x13' ? `{"d": {"$numberDecimal": ${JSON.stringify(c.string)}}}` : c.string;
        const items = [...jsonDocumentItems(utf8(text))];
        if (items.length === 1 && 'reason' in items[0]) refused++;
        else accepted.push(c.description);
      }
    }
    expect(new Set(accepted)).toEqual(ACCEPTED_BY_BSON);
    expect(refused).toBeGreaterThan(150);
  });

  describe.each(testEngines)('valid cases on the %s engine', (_kind, open) => {
    let engine: Engine;
    const forms = corpusExists ? buildForms(corpus) : [];
    const loaded = new Map<string, LoadedSource>();
    beforeAll(async () => {
      engine = await open();
      await ensureLayerSchemas(engine);
      for (const f of forms) {
        const file = { path: f.path, bytes: f.bytes() };
        loaded.set(f.name, await (f.bson ? loadBson : loadMongoJson)(engine, file, ctx()));
      }
    });
    afterAll(async () => {
      await engine?.close();
    });

    it.each(forms.map((f) => [f.name, f] as const))('loads every value exactly from %s', async (_name, f) => {
      const source = loaded.get(f.name)!;
      expect(source).toMatchObject({ rows: f.rows, quarantined: 0 });
      const types = new Map(
        (await rows(engine, `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'bronze' AND table_name = '${source.source}'`)).map((r) => [
          String(r.column_name),
          String(r.data_type),
        ]),
      );
      const checks = f.checks;
      const table = `bronze.${q(source.source)}`;
      // Most checks in one row-wise query; the decimals (many rows per column) by column.
      const single = checks.filter((c) => c.expected.kind !== 'decimal');
      const [values] = single.length ? await rows(engine, `SELECT ${single.flatMap(checkSql).join(', ')} FROM ${table}`) : [{}];
      single.forEach((check, i) => verify(check, types.get(check.column) ?? 'missing column', values[`v${i}`], f.relaxed));
      const decimals = checks.filter((c) => c.expected.kind === 'decimal');
      const columns = [...new Set(decimals.map((c) => c.column))];
      const got = new Map<string, unknown>();
      if (columns.length) {
        const sql = columns.map((c) => `SELECT '${c}' AS c, _row, ${q(c)}::VARCHAR AS v FROM ${table} WHERE ${q(c)} IS NOT NULL`).join(' UNION ALL ');
        for (const r of await rows(engine, sql)) got.set(`${r.c}#${r._row}`, r.v);
      }
      for (const check of decimals) verify(check, types.get(check.column) ?? 'missing column', got.get(`${check.column}#${check.row}`), f.relaxed);
      // Most cases have no relaxed form of their own (it equals the canonical one).
      expect(checks.length).toBeGreaterThan(f.relaxed ? 20 : f.path.includes('documents') ? 40 : 100);
    });

    it('reports the decisions a reader needs: binary subtypes, decimals kept as text, deprecated types', () => {
      const decisions = loaded.get('canonical BSON')!.typeDecisions!;
      const reason = (field: string) => decisions.find((d) => d.field === field)?.reason;
      expect(reason('binary_6')).toBe('binary subtype 0x04 (UUID) as BLOB, bytes exact');
      expect(reason('binary_11')).toBe('binary subtype 0x80 as BLOB, bytes exact');
      const decimals = decisions.filter((d) => d.field.startsWith('decimal_'));
      expect(decimals.length).toBeGreaterThan(10);
      expect(decimals.find((d) => d.field === 'decimal_VARCHAR')).toMatchObject({ columnType: 'VARCHAR', reason: expect.stringMatching(/^Decimal128 as its exact text, because \d+ value\(s\) are NaN, ±Infinity or -0/) });
      for (const d of decimals.filter((x) => x.field !== 'decimal_VARCHAR')) expect(d.columnType, d.field).toBe(d.field.replace(/^decimal_DECIMAL_38_(\d+)_$/, 'DECIMAL(38,$1)'));
      expect(decisions.find((d) => d.field === 'undefined_0')).toMatchObject({ typesSeen: [{ type: 'undefined', count: 1 }], columnType: 'VARCHAR' });
      expect(loaded.get('canonical BSON')!.fieldStats!.find((s) => s.field === 'undefined_0')).toMatchObject({ present: 1, nulls: 1 });
    });
  });
});
