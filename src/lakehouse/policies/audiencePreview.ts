import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent } from '../../engine/sql';
import { parseModel, type ModelFile } from '../../pipeline/model';
import { listTables } from '../tableInfo';
import { buildExtract, SOURCE_SCHEMA } from './buildExtract';
import { maskKey } from './columnMasks';
import { parsePolicies } from './parsePolicies';

/** "View as audience": what the audience's extract would hold, before publishing. */
export interface AudiencePreview {
  audience: string;
  parameters: Record<string, string>;
  tables: { schema: string; name: string; rows: number; columns: { name: string; type: string; access: string }[]; ipc: Uint8Array }[];
  milliseconds: number;
}

const PLAIN_TYPE = /^[A-Z][A-Z0-9_ ]*(\(\d+(, ?\d+)?\))?$/;

/** This lakehouse's silver tables into `target`'s schema `source`, where buildExtract reads them. */
export async function copySilver(source: Engine, target: Engine): Promise<void> {
  await target.exec(`DROP SCHEMA IF EXISTS ${SOURCE_SCHEMA} CASCADE; CREATE SCHEMA ${SOURCE_SCHEMA}`);
  for (const t of (await listTables(source)).filter((t) => t.layer === 'silver')) {
    // An empty Arrow stream creates no table: declare an empty one from its types.
    if (t.rows === 0) await target.exec(`CREATE TABLE ${qualified(SOURCE_SCHEMA, t.name)} (${t.columns.map((c) => `${quoteIdent(c.name)} ${PLAIN_TYPE.test(c.type) ? c.type : 'VARCHAR'}`).join(', ')})`);
    else await target.insertArrow(`${SOURCE_SCHEMA}.${t.name}`, await source.query(`SELECT * FROM ${qualified('silver', t.name)}`), 'new');
  }
}

/** The first rows of each previewed table that cross to the page. */
export const PREVIEW_ROWS = 50;

/**
 * Builds the audience's extract exactly as `npm run publish` does (buildExtract), from
 * this lakehouse's silver tables copied into `target`, a second, empty engine: the
 * lakehouse itself is never touched. Returns each table's row count, column access and
 * first rows, masked. The key of `hash` is made here and forgotten.
 */
export async function previewAudience(source: Engine, target: Engine, policiesText: string, audienceName: string, parameters: Record<string, string>, models: ModelFile[]): Promise<AudiencePreview> {
  const started = performance.now();
  const parsed = parsePolicies(policiesText);
  if (!parsed.ok) throw new Error(`the policies have problems (line ${parsed.problems[0]!.line}: ${parsed.problems[0]!.message})`);
  const audience = parsed.policies.audiences[audienceName];
  if (!audience) throw new Error(`no audience ${audienceName} in the policies`);
  await copySilver(source, target);
  const goldModels = models.filter((f) => /(^|\/)gold\//.test(f.path)).map(parseModel);
  const tables = await buildExtract(target, audience, parameters, goldModels, maskKey(crypto.getRandomValues(new Uint8Array(32))));
  const out: AudiencePreview['tables'] = [];
  for (const t of tables) {
    const rows = Number((await target.query(`SELECT count(*)::INTEGER AS n FROM (${t.sql})`)).get(0)!.n);
    out.push({ schema: t.schema, name: t.name, rows, columns: t.columns, ipc: await target.queryIPC(`${t.sql} LIMIT ${PREVIEW_ROWS}`) });
  }
  return { audience: audienceName, parameters, tables: out, milliseconds: performance.now() - started };
}
