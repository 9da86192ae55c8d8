import { serialize } from 'bson';
import { gzipSync, strToU8 } from 'fflate';
import type { BadInputCase, CaseFile } from '../badInputs.cases';

/**
 * The bad-input corpus's Mongo part (issue #7): broken NDJSON and `--jsonArray` exports,
 * damaged `mongodump` BSON. Spread into BAD_INPUTS (src/ingest/badInputs.cases.ts), so the
 * CLI test and the Chromium spec run them with the other cases. Plain TypeScript, no Node
 * built-ins: the Playwright spec imports it too.
 */

const utf8 = (s: string) => strToU8(s);
const sellerDoc = (i: number) => ({ seller_id: `s${i}`, seller_zip_code_prefix: String(1000 + i).padStart(5, '0'), seller_city: 'campinas', seller_state: 'SP' });
const jsonLine = (i: number) => JSON.stringify(sellerDoc(i));

/** A good file beside the bad ones: it must load whatever happens to its neighbours. */
const TRANSLATION: CaseFile = {
  path: 'product_category_name_translation.csv',
  bytes: utf8('product_category_name,product_category_name_english\nbeleza_saude,health_beauty\npc_gamer,pc_gamer\n'),
};
const WITH_TRANSLATION = { 'bronze.category_translation': 2 };

/** NDJSON with line 3 cut in the middle of a value (an editor or a copy gone wrong). */
const BROKEN_LINE = [jsonLine(1), jsonLine(2), '{"seller_id": "s3", "seller_zip_code_prefix": "010', jsonLine(4), jsonLine(5)].join('\n') + '\n';

/** `mongoexport --jsonArray --pretty`, cut in the middle of the third document. */
const ARRAY_FULL = '[\n' + [1, 2, 3, 4].map((i) => JSON.stringify(sellerDoc(i), null, 2)).join(',\n') + '\n]\n';
const ARRAY_CUT = ARRAY_FULL.slice(0, ARRAY_FULL.indexOf('"s3"') + 20);
const ARRAY_CUT_DOC = ARRAY_FULL.lastIndexOf('{', ARRAY_FULL.indexOf('"s3"'));
const ARRAY_CUT_LINE = ARRAY_FULL.slice(0, ARRAY_CUT_DOC).split('\n').length;

/** mongodump's `.bson`: documents back to back, each starting with its int32 length. */
const bsonDocs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => serialize(sellerDoc(from + i)));
const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};
const DOCS = bsonDocs(1, 5);
/** Where document `i` (1-based) of DOCS starts. */
const docStart = (i: number) => DOCS.slice(0, i - 1).reduce((n, d) => n + d.length, 0);
const BSON_FULL = concat(DOCS);
/** Cut 10 bytes into the fourth document. */
const BSON_CUT = BSON_FULL.subarray(0, docStart(4) + 10);
/** The third document's length prefix says 1 MB. */
const withPrefix = (i: number, length: number) => {
  const bytes = BSON_FULL.slice();
  new DataView(bytes.buffer).setInt32(docStart(i), length, true);
  return bytes;
};

/** 3,000 documents gzipped (`mongodump --gzip`), cut in the middle of the compressed data. */
const BSON_GZ_CUT = () => {
  const gz = gzipSync(concat(bsonDocs(1, 3000)), { level: 6, mtime: 0 });
  return gz.subarray(0, gz.length >> 1);
};

/** A document nested `levels` deep (the document is level 1), far past MongoDB's 100. */
const nested = (levels: number): Record<string, unknown> => {
  let inner: unknown = 'deep';
  for (let i = 1; i < levels; i++) inner = { a: inner };
  return { seller_id: 'deep', x: inner };
};
const DEEP_JSON = [jsonLine(1), jsonLine(2), JSON.stringify(nested(3000)), jsonLine(4)].join('\n') + '\n';
const DEEP_JSON_AT = DEEP_JSON.indexOf('{"seller_id":"deep"');
const DEEP_BSON = () => concat([...bsonDocs(1, 2), serialize(nested(3000)), ...bsonDocs(4, 4)]);

export const MONGO_BAD_INPUTS: BadInputCase[] = [
  {
    name: 'a JSON document nested 3,000 levels deep',
    folder: 'json-deep',
    files: () => [{ path: 'shop/sellers.json', bytes: utf8(DEEP_JSON) }],
    exit: 0,
    messages: [
      {
        kind: 'quarantine',
        text: new RegExp(`^json-deep/shop/sellers\\.json \\(line 3, byte ${DEEP_JSON_AT}\\): nested more than 100 levels deep, MongoDB's own limit for a BSON document .*so it was not loaded\\. Fix or remove this document`),
      },
    ],
    tables: { 'bronze.sellers': 3, 'quarantine.sellers': 1 },
    engines: ['native'],
  },
  {
    name: 'a BSON document nested 3,000 levels deep',
    folder: 'bson-deep',
    files: () => [{ path: 'dump/shop/sellers.bson', bytes: DEEP_BSON() }],
    exit: 0,
    messages: [
      {
        kind: 'quarantine',
        text: new RegExp(`^bson-deep/dump/shop/sellers\\.bson \\(byte ${docStart(3)}\\): this document \\(\\d+ bytes\\) is nested more than 100 levels deep, MongoDB's own limit`),
      },
    ],
    tables: { 'bronze.sellers': 3, 'quarantine.sellers': 1 },
    engines: ['native'],
  },
  {
    name: "Python's json.dumps and PyMongo's legacy json_util: bare NaN, Infinity and -Infinity",
    folder: 'json-python-nan',
    files: () => [TRANSLATION],
    fixtures: [
      { from: 'mongo/python/json_dumps.json', to: 'export/products.json' },
      { from: 'mongo/python/json_util_legacy.json', to: 'export/products_util.json' },
    ],
    exit: 0,
    messages: [
      { kind: 'note', text: /^json-python-nan\/export\/products\.json: 5 value\(s\) written as bare NaN, Infinity or -Infinity \(as Python's json module and PyMongo's json_util write them; JSON has no such numbers\) were read as the doubles they stand for$/ },
      { kind: 'note', text: /^json-python-nan\/export\/products_util\.json: 5 value\(s\) written as bare NaN/ },
    ],
    // Bronze keeps every document; silver quarantines the NaN weights (not an integer).
    tables: { 'bronze.products': 8, 'quarantine.products': 4, ...WITH_TRANSLATION },
    engines: ['native', 'wasm'],
  },
  {
    name: 'an NDJSON export with one broken line in the middle',
    folder: 'json-broken-line',
    files: () => [{ path: 'shop/sellers.json', bytes: utf8(BROKEN_LINE) }],
    exit: 0,
    messages: [
      {
        kind: 'quarantine',
        text: new RegExp(`^json-broken-line/shop/sellers\\.json \\(line 3, byte ${BROKEN_LINE.indexOf('{"seller_id": "s3"')}\\): invalid JSON: .*\\. Fix or remove this document and load the file again \\(the others loaded\\)$`),
      },
    ],
    tables: { 'bronze.sellers': 4, 'quarantine.sellers': 1 },
    values: [{ table: 'quarantine.sellers', column: '_raw', value: '{"seller_id": "s3", "seller_zip_code_prefix": "010' }],
    engines: ['native'],
  },
  {
    name: 'a --jsonArray export cut in the middle of a document',
    folder: 'json-array-cut',
    files: () => [{ path: 'shop/sellers.json', bytes: utf8(ARRAY_CUT) }, TRANSLATION],
    exit: 1,
    messages: [
      {
        kind: 'error',
        text: new RegExp(`^json-array-cut/shop/sellers\\.json \\(line ${ARRAY_CUT_LINE}, byte ${ARRAY_CUT_DOC}\\): the file is cut off: it ends inside the document that starts here .*2 document\\(s\\) before it were loaded into bronze\\.sellers, and the incomplete one is in quarantine; get the complete export \\(run mongoexport again\\) to load the rest\\.$`),
      },
      { kind: 'quarantine', text: new RegExp(`^json-array-cut/shop/sellers\\.json \\(line ${ARRAY_CUT_LINE}, byte ${ARRAY_CUT_DOC}\\): the file ends inside a string: the document is truncated`) },
    ],
    tables: { 'bronze.sellers': 2, 'quarantine.sellers': 1, ...WITH_TRANSLATION },
    values: [{ table: 'quarantine.sellers', column: '_raw', value: ARRAY_CUT.slice(ARRAY_CUT_DOC) }],
    engines: ['native'],
  },
  {
    name: 'a .bson cut inside a document',
    folder: 'bson-cut',
    files: () => [{ path: 'dump/shop/sellers.bson', bytes: BSON_CUT }, TRANSLATION],
    exit: 1,
    messages: [
      {
        kind: 'error',
        text: new RegExp(`^bson-cut/dump/shop/sellers\\.bson \\(byte ${docStart(4)}\\): a document of ${DOCS[3]!.length} bytes starts here but only 10 byte\\(s\\) are left: the file is truncated\\. 3 document\\(s\\) before it were loaded into bronze\\.sellers; .* Get a complete copy of the file \\(run mongodump again\\) to load the rest\\.$`),
      },
    ],
    tables: { 'bronze.sellers': 3, ...WITH_TRANSLATION },
    engines: ['native'],
  },
  {
    name: 'a .bson whose length prefix points past the end of the file',
    folder: 'bson-prefix-past-end',
    files: () => [{ path: 'dump/shop/sellers.bson', bytes: withPrefix(3, 1_000_000) }, TRANSLATION],
    exit: 1,
    messages: [
      {
        kind: 'error',
        text: new RegExp(`^bson-prefix-past-end/dump/shop/sellers\\.bson \\(byte ${docStart(3)}\\): a document of 1000000 bytes starts here but only ${BSON_FULL.length - docStart(3)} byte\\(s\\) are left: the file is truncated\\. 2 document\\(s\\) before it were loaded .* to load the rest\\.$`),
      },
    ],
    tables: { 'bronze.sellers': 2, ...WITH_TRANSLATION },
    engines: ['native'],
  },
  {
    name: 'a .bson with a length prefix smaller than 5',
    folder: 'bson-prefix-small',
    files: () => [{ path: 'dump/shop/sellers.bson', bytes: withPrefix(2, 3) }, TRANSLATION],
    exit: 1,
    messages: [
      {
        kind: 'error',
        text: new RegExp(`^bson-prefix-small/dump/shop/sellers\\.bson \\(byte ${docStart(2)}\\): invalid document length 3 \\(a BSON document is 5 bytes to 16 MiB\\): the file is damaged or not BSON\\. 1 document\\(s\\) before it were loaded .* to load the rest\\.$`),
      },
    ],
    tables: { 'bronze.sellers': 1, ...WITH_TRANSLATION },
    engines: ['native'],
  },
  {
    name: 'an empty .bson (an empty collection)',
    folder: 'bson-empty',
    files: () => [{ path: 'dump/shop/sellers.bson', bytes: new Uint8Array(0) }, TRANSLATION],
    exit: 0,
    messages: [{ kind: 'note', text: /^bson-empty\/dump\/shop\/sellers\.bson: the file holds no documents \(an empty collection\): bronze\.sellers was created without columns\.$/ }],
    tables: { 'bronze.sellers': 0, ...WITH_TRANSLATION },
    // An empty collection has no fields: its silver model cannot run, and says why (issue #7 (a)).
    skipped: { 'silver.sellers': /^bronze\.sellers \(from bson-empty\/dump\/shop\/sellers\.bson\) has no columns seller_id, seller_zip_code_prefix, .*, which silver\.sellers reads, so silver\.sellers was not built/ },
    engines: ['native'],
  },
  {
    name: 'a .json that is not Extended JSON documents at all',
    folder: 'json-not-documents',
    files: () => [{ path: 'shop/sellers.json', bytes: utf8('\n\n  [1, 2, 3]\n') }, TRANSLATION],
    exit: 1,
    messages: [
      {
        kind: 'error',
        text: /^json-not-documents\/shop\/sellers\.json \(line 3, byte 4\): this is not JSON documents: a mongoexport file starts with "\{" \(one document per line\) or "\[" \(--jsonArray\) and holds objects\. Load what mongoexport wrote/,
      },
    ],
    tables: WITH_TRANSLATION,
    engines: ['native'],
  },
  {
    name: 'a .bson.gz cut short',
    folder: 'bson-gz-cut',
    files: () => [{ path: 'dump/shop/sellers.bson.gz', bytes: BSON_GZ_CUT() }, TRANSLATION],
    exit: 1,
    messages: [
      { kind: 'error', text: /^bson-gz-cut\/dump\/shop\/sellers\.bson\.gz \(byte \d+\): the gzip data ends before the compressed stream does: the file is cut short .* loaded as sellers\.bson; get the complete file to load the rest\.$/ },
      { kind: 'error', text: /^bson-gz-cut\/dump\/shop\/sellers\.bson \(byte \d+\): a document of \d+ bytes starts here but only \d+ byte\(s\) are left: the file is truncated\. 1469 document\(s\) before it were loaded .* to load the rest\.$/ },
    ],
    // The documents complete in what inflates before the cut.
    tables: { 'bronze.sellers': 1469, ...WITH_TRANSLATION },
    engines: ['native'],
  },
];
