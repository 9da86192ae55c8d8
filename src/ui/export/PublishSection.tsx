import { useMemo, useState, type ChangeEvent } from 'react';
import { formatBytes } from '../../ingest/formatBytes';
import { formatPolicyProblems, parsePolicies } from '../../lakehouse/policies/parsePolicies';
import type { PublishProgress } from '../../lakehouse/policies/publishInBrowser';
import demoPolicies from '../../../policies/demo.yaml?raw';
import { saveFile } from './saveFile';
import { statusText, useExportAction } from './useExportAction';

export type PublishPolicies = (policiesText: string, onProgress: (p: PublishProgress) => void) => Promise<Uint8Array>;

/**
 * Publishing from the app (README "Governance"): the extracts `npm run publish` writes, one
 * per audience and parameter value with its report, built in the worker's second DuckDB
 * and downloaded as one zip. The page only checks the file to show its problems early.
 */
export function PublishSection({ publish }: { publish?: PublishPolicies }) {
  const [source, setSource] = useState({ name: 'policies/demo.yaml', text: demoPolicies });
  const parsed = useMemo(() => parsePolicies(source.text), [source.text]);
  const [status, run] = useExportAction();
  const [progress, setProgress] = useState<PublishProgress>();
  const open = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setSource({ name: file.name, text: await file.text() });
  };
  const start = () =>
    run('Publishing the extracts', async () => {
      setProgress(undefined);
      const zip = await publish!(source.text, setProgress);
      const fileName = `pocket-lakehouse-publication-${parsed.ok ? parsed.policies.version : 'policies'}.zip`.replace(/[^\w.-]+/g, '_');
      saveFile(zip, fileName, 'application/zip');
      return `Saved ${fileName} (${formatBytes(zip.byteLength)}).`;
    });
  const working = status.state === 'working';
  return (
    <section aria-labelledby="export-publish" data-testid="publish">
      <h2 id="export-publish">Publish extracts</h2>
      <p className="hint">
        One extract per audience of a policies file (and per parameter value): only its tables, rows and masked columns, the dashboard rebuilt from its rows, and its HTML report; with publication.json (policy version, hashes, row counts). What <code>npm run publish</code> writes, for the server’s signed <code>/extract</code>.
      </p>
      <p>
        Policies: <strong>{source.name}</strong>
        {parsed.ok && <> · version {parsed.policies.version} · {Object.keys(parsed.policies.audiences).length} audiences</>}{' '}
        <label className="export-open">
          Open a policies file… <input type="file" accept=".yaml,.yml,.json" onChange={(e) => void open(e)} disabled={working} />
        </label>
      </p>
      {!parsed.ok && (
        <pre className="error" role="alert" data-testid="publish-problems">
          {formatPolicyProblems(source.name, parsed.problems)}
        </pre>
      )}
      <div className="export-buttons">
        <button type="button" onClick={start} disabled={working || !publish || !parsed.ok}>
          Publish extracts (.zip)
        </button>
        <span role="status" data-testid="publish-status" className={status.state === 'failed' ? 'error' : 'hint'}>
          {!publish ? 'Publishing needs the silver tables: it is available once the pipeline has run.' : working && progress ? `Publishing… ${progress.done} of ${progress.total} extracts (${progress.last})` : statusText(status)}
        </span>
      </div>
    </section>
  );
}
