import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NativeEngine } from '../engine/native/nativeEngine';
import { quoteIdent, quoteLiteral } from '../engine/sql';
import { SOURCE_SCHEMA } from '../lakehouse/policies/buildExtract';
import { maskKey } from '../lakehouse/policies/columnMasks';
import { PUBLICATION_FILE } from '../lakehouse/policies/extractManifest';
import { formatPolicyProblems, parsePolicies } from '../lakehouse/policies/parsePolicies';
import { label, publishExtracts } from '../lakehouse/policies/publishExtracts';
import { parseModel } from '../pipeline/model';
import { readModels } from './readModels';
import { runMain } from './runMain';

const USAGE = `usage: npm run publish -- --policies FILE (--lakehouse DIR | --in OUT_DIR) --out PUBLISH_DIR

Builds one extract per audience of the policies file (and per value of its bound
parameters) from a lakehouse written by \`npm run pipeline\` (DIR/silver/*.parquet): only
the allowed tables, rows and masked columns, gold and the dashboard's tables rebuilt
from the audience's rows, and report.html, the audience's report built from them. Writes PUBLISH_DIR/extracts/<audience>/<id>.zip,
PUBLISH_DIR/${PUBLICATION_FILE} and appends a line to PUBLISH_DIR/publications.log.

exit status: 0 published; 1 a table or model failed; 2 usage error or invalid policies`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { policies: { type: 'string' }, lakehouse: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    return console.error(`${(error as Error).message}\n\n${USAGE}`), 2;
  }
  if (values.help) return console.log(USAGE), 0;
  const lakehouseDir = values.lakehouse ?? values.in;
  if (!values.policies || !lakehouseDir || !values.out || (values.lakehouse && values.in)) return console.error(USAGE), 2;

  const policyText = await readFile(values.policies, 'utf8');
  const parsed = parsePolicies(policyText);
  if (!parsed.ok) return console.error(formatPolicyProblems(values.policies, parsed.problems)), 2;
  const { policies } = parsed;

  const silverDir = join(lakehouseDir, 'silver');
  const silverFiles = (await readdir(silverDir).catch(() => [] as string[])).filter((f) => /^[a-z_][a-z0-9_]*\.parquet$/.test(f));
  if (!silverFiles.length) return console.error(`${silverDir}: no silver tables (write a lakehouse with \`npm run pipeline -- --out DIR …\` first)`), 2;

  const out = resolve(values.out);
  await rm(join(out, 'extracts'), { recursive: true, force: true });
  const engine = await NativeEngine.open();
  try {
    await engine.exec(`CREATE SCHEMA ${SOURCE_SCHEMA}`);
    for (const file of silverFiles) {
      await engine.exec(`CREATE TABLE ${SOURCE_SCHEMA}.${quoteIdent(file.replace(/\.parquet$/, ''))} AS SELECT * FROM read_parquet(${quoteLiteral(resolve(silverDir, file))})`);
    }
    const goldModels = (await readModels()).filter((f) => f.path.startsWith('gold/')).map(parseModel);
    // One key per publication, never written: tokens cannot be matched across publications.
    const key = maskKey(randomBytes(32));
    const publication = await publishExtracts(engine, policies, policyText, goldModels, key, async (e) => {
      await mkdir(join(out, 'extracts', e.audience), { recursive: true });
      await writeFile(join(out, e.file), e.zip);
      console.log(`${e.audience}${label(e.parameters)}: ${e.tables} tables, ${e.rows} rows, ${e.zip.length} bytes → ${e.file} [${Math.round(e.milliseconds)} ms]`);
    });
    const publishedAt = publication.publishedAt;
    await writeFile(join(out, PUBLICATION_FILE), JSON.stringify(publication, null, 2) + '\n');
    // The record of publications: one JSON line each, appended, never rewritten.
    const record = { time: publishedAt, policyVersion: policies.version, policySha256: publication.policySha256, policies: values.policies, lakehouse: lakehouseDir, extracts: publication.extracts.map((e) => ({ audience: e.audience, parameters: e.parameters, file: e.file, sha256: e.sha256 })) };
    await appendFile(join(out, 'publications.log'), JSON.stringify(record) + '\n');
    console.log(`published ${publication.extracts.length} extracts of policy version ${policies.version} to ${out}`);
    return 0;
  } finally {
    await engine.close();
  }
}

runMain(main);
