import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Engine } from '../../engine/interface';
import type { Model } from '../../pipeline/model';
import { buildExtract, parameterSets, PolicyTargetError } from './buildExtract';
import type { MaskKey } from './columnMasks';
import { EXTRACT_FILE, type ExtractManifest, type Publication } from './extractManifest';
import { extractReportHtml, keepOnlyExtract, REPORT_FILE } from './extractReport';
import { policyLine } from './parsePolicies';
import type { Policies } from './policySchema';
import { sha256 } from './sha256';

/** One extract written, for the caller's progress line. */
export interface PublishedExtract {
  audience: string;
  parameters: Record<string, string>;
  /** Relative to the publish folder: extracts/<audience>/<id>.zip. */
  file: string;
  zip: Uint8Array;
  tables: number;
  rows: number;
  milliseconds: number;
  /** 1-based, of `total`. */
  index: number;
  total: number;
}

/**
 * Publishes every audience of the policies (and every combination of its parameter values)
 * from the silver tables in `engine`'s schema `source`: the one implementation behind
 * `npm run publish` (native DuckDB) and Export & storage's "Publish" (DuckDB-WASM). Each
 * extract is a zip of its tables as Parquet, its manifest and its audience's HTML report,
 * the report built afterwards from the extract's tables alone. `onExtract` receives each
 * zip as it is made (the CLI writes it, the app collects it).
 */
export async function publishExtracts(engine: Engine, policies: Policies, policyText: string, goldModels: Model[], key: MaskKey, onExtract: (extract: PublishedExtract) => void | Promise<void>): Promise<Publication> {
  const publishedAt = new Date().toISOString();
  const publication: Publication = { format: 'pocket-lakehouse-publication', version: 1, policyVersion: policies.version, policySha256: await sha256(strToU8(policyText)), publishedAt, extracts: [] };
  const jobs = Object.entries(policies.audiences).flatMap(([name, audience]) => parameterSets(audience).map((parameters) => [name, audience, parameters] as const));
  for (const [index, [audienceName, audience, parameters]] of jobs.entries()) {
    const started = performance.now();
    let tables;
    try {
      tables = await buildExtract(engine, audience, parameters, goldModels, key);
    } catch (error) {
      // A table or column the lakehouse lacks is a policy error too: name its line.
      const line = error instanceof PolicyTargetError ? `line ${policyLine(policyText, ['audiences', audienceName, ...error.path])}: ` : '';
      throw new Error(`${line}audience ${audienceName}${label(parameters)}: ${(error as Error).message}`);
    }
    const files: Zippable = {};
    const manifest: ExtractManifest = { format: 'pocket-lakehouse-extract', version: 1, audience: audienceName, parameters, policyVersion: policies.version, publishedAt, tables: [] };
    for (const t of tables) {
      const bytes = await engine.toParquet(t.sql);
      const rows = Number((await engine.query(`SELECT count(*)::BIGINT AS n FROM (${t.sql})`)).get(0)!.n);
      const file = `${t.schema}.${t.name}.parquet`;
      files[file] = [bytes, { level: 0 }];
      manifest.tables.push({ schema: t.schema, name: t.name, file, rows, bytes: bytes.length, sha256: await sha256(bytes), columns: t.columns });
    }
    files[EXTRACT_FILE] = strToU8(JSON.stringify(manifest, null, 2));
    await keepOnlyExtract(engine, tables);
    files[REPORT_FILE] = strToU8(await extractReportHtml(engine, manifest));
    const zip = zipSync(files);
    const id = Object.keys(parameters).length ? (await sha256(strToU8(JSON.stringify(Object.entries(parameters).sort())))).slice(0, 16) : 'all';
    const file = `extracts/${audienceName}/${id}.zip`;
    publication.extracts.push({ audience: audienceName, parameters, file, bytes: zip.length, sha256: await sha256(zip), tables: manifest.tables.map(({ schema, name, rows, sha256 }) => ({ schema, name, rows, sha256 })) });
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    await onExtract({ audience: audienceName, parameters, file, zip, tables: tables.length, rows, milliseconds: performance.now() - started, index: index + 1, total: jobs.length });
  }
  return publication;
}

/** " (seller=…)" after an audience's name, or nothing without parameters. */
export function label(parameters: Record<string, string>): string {
  const text = Object.entries(parameters).map(([k, v]) => `${k}=${v}`).join(' ');
  return text ? ` (${text})` : '';
}
