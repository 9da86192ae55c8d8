import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Engine } from '../../engine/interface';
import { parseModel, type ModelFile } from '../../pipeline/model';
import { copySilver } from './audiencePreview';
import { maskKey } from './columnMasks';
import { PUBLICATION_FILE } from './extractManifest';
import { parsePolicies, type PolicyProblem } from './parsePolicies';
import { label, publishExtracts } from './publishExtracts';

/** Where publishing in the page has got to, for Export & storage's status line. */
export interface PublishProgress {
  done: number;
  total: number;
  /** The extract just written, e.g. "partner (seller=…): 9 tables, 1,234 rows". */
  last: string;
}

/** A policies file that cannot be published: every problem with its line, as parsePolicies finds them. */
export class PolicyError extends Error {
  constructor(readonly problems: PolicyProblem[]) {
    super(problems.map((p) => `line ${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'));
  }
}

/**
 * "Publish" in Export & storage: what `npm run publish` writes to its folder, as one zip
 * (extracts/<audience>/<id>.zip with their reports, publication.json), built by the same
 * publishExtracts in `target`, the second DuckDB-WASM that "view as audience" uses, from
 * this lakehouse's silver copied in; the lakehouse itself is never touched.
 */
export async function publishInBrowser(source: Engine, target: Engine, policiesText: string, models: ModelFile[], onProgress?: (p: PublishProgress) => void): Promise<Uint8Array> {
  const parsed = parsePolicies(policiesText);
  if (!parsed.ok) throw new PolicyError(parsed.problems);
  await copySilver(source, target);
  const goldModels = models.filter((f) => /(^|\/)gold\//.test(f.path)).map(parseModel);
  const files: Zippable = {};
  const publication = await publishExtracts(target, parsed.policies, policiesText, goldModels, maskKey(crypto.getRandomValues(new Uint8Array(32))), (e) => {
    // Each extract is a zip of Parquet already: stored, not compressed again.
    files[e.file] = [e.zip, { level: 0 }];
    onProgress?.({ done: e.index, total: e.total, last: `${e.audience}${label(e.parameters)}: ${e.tables} tables, ${e.rows.toLocaleString('en-US')} rows` });
  });
  files[PUBLICATION_FILE] = strToU8(JSON.stringify(publication, null, 2) + '\n');
  return zipSync(files);
}
