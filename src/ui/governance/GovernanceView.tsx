import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { tableFromIPC } from 'apache-arrow';
import type { AudiencePreview } from '../../lakehouse/policies/audiencePreview';
import { parameterSets } from '../../lakehouse/policies/buildExtract';
import { formatPolicyProblems, parsePolicies } from '../../lakehouse/policies/parsePolicies';
import type { TableInfo } from '../../lakehouse/tableInfo';
import type { LakehouseClient } from '../client/lakehouseClient';
import { formatCount } from '../format';
import { ArrowGrid } from '../tables/ArrowGrid';
import { EffectiveAccess } from './EffectiveAccess';
import examplePolicies from '../../../policies/demo.yaml?raw';
import './governance.css';

interface Props {
  tables: TableInfo[];
  api: () => LakehouseClient;
}

/**
 * Governance (README "Governance"): the access policies an administrator publishes with
 * (`npm run publish`), each audience's effective access to this lakehouse's tables and
 * columns, and "view as audience": the audience's extract built in the worker exactly as
 * publishing builds it, before anything is published. The page reads the policies; the
 * worker applies them.
 */
export default function GovernanceView({ tables, api }: Props) {
  const [source, setSource] = useState({ name: 'policies/demo.yaml (the example)', text: examplePolicies });
  const parsed = useMemo(() => parsePolicies(source.text), [source.text]);
  const audiences = parsed.ok ? Object.keys(parsed.policies.audiences) : [];
  const [chosen, setChosen] = useState<string>();
  const audienceName = chosen && audiences.includes(chosen) ? chosen : audiences[0];
  const audience = parsed.ok && audienceName ? parsed.policies.audiences[audienceName] : undefined;
  const sets = useMemo(() => (audience ? parameterSets(audience) : []), [audience]);
  const [setIndex, setSetIndex] = useState(0);
  const parameters = sets[setIndex] ?? sets[0] ?? {};
  const [preview, setPreview] = useState<{ status: 'idle' } | { status: 'running' } | { status: 'done'; preview: AudiencePreview } | { status: 'failed'; message: string }>({ status: 'idle' });
  useEffect(() => setPreview({ status: 'idle' }), [source, audienceName, setIndex]);

  const open = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setSource({ name: file.name, text: await file.text() });
  };
  const viewAs = () => {
    if (!audienceName) return;
    setPreview({ status: 'running' });
    api()
      .previewAudience(source.text, audienceName, parameters)
      .then(
        (p) => setPreview({ status: 'done', preview: p }),
        (e: Error) => setPreview({ status: 'failed', message: e.message }),
      );
  };

  return (
    <div className="governance-view" data-testid="governance">
      <p>
        Policies: <strong>{source.name}</strong>
        {parsed.ok && <> · version {parsed.policies.version}</>}{' '}
        <label className="governance-open">
          Open a policies file… <input type="file" accept=".yaml,.yml,.json" onChange={(e) => void open(e)} />
        </label>
      </p>
      {!parsed.ok && (
        <pre className="error" role="alert" data-testid="policy-problems">
          {formatPolicyProblems(source.name, parsed.problems)}
        </pre>
      )}
      {parsed.ok && audience && audienceName && (
        <>
          <div className="governance-choice">
            <label>
              Audience{' '}
              <select value={audienceName} onChange={(e) => (setChosen(e.target.value), setSetIndex(0))}>
                {audiences.map((a) => (
                  <option key={a}>{a}</option>
                ))}
              </select>
            </label>
            {sets.length > 1 && (
              <label>
                Parameters{' '}
                <select value={setIndex} onChange={(e) => setSetIndex(Number(e.target.value))}>
                  {sets.map((s, i) => (
                    <option key={i} value={i}>
                      {Object.entries(s).map(([k, v]) => `${k} = ${v}`).join(', ')}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button type="button" onClick={viewAs} disabled={preview.status === 'running'}>
              View as {audienceName}
            </button>
          </div>
          {audience.description && <p className="hint">{audience.description}</p>}
          <EffectiveAccess audience={audience} tables={tables} />
          <Preview state={preview} />
        </>
      )}
    </div>
  );
}

function Preview({ state }: { state: { status: string; preview?: AudiencePreview; message?: string } }) {
  const [shown, setShown] = useState<string>();
  if (state.status === 'idle') return null;
  if (state.status === 'running') return <p className="hint" role="status" aria-busy="true">Building the extract from this audience’s rows…</p>;
  if (state.status === 'failed') return <p className="error" role="alert">The extract could not be built: {state.message}</p>;
  const p = state.preview!;
  const table = p.tables.find((t) => `${t.schema}.${t.name}` === shown) ?? p.tables[0];
  return (
    <section aria-labelledby="governance-preview-title" data-testid="audience-preview">
      <h2 id="governance-preview-title">What {p.audience} would receive</h2>
      <p className="hint">
        {p.tables.length} tables, built from this audience’s rows in {formatCount(Math.round(p.milliseconds))} ms; masked values use a key made for this preview only.
      </p>
      <ul className="governance-tables">
        {p.tables.map((t) => (
          <li key={`${t.schema}.${t.name}`}>
            <button type="button" aria-pressed={t === table} onClick={() => setShown(`${t.schema}.${t.name}`)}>
              {t.schema}.{t.name}
            </button>{' '}
            {formatCount(t.rows)} rows
          </li>
        ))}
      </ul>
      {table && <ArrowGrid data={tableFromIPC(table.ipc)} label={`First rows of ${table.schema}.${table.name} as ${p.audience} would receive them`} columnTypes={Object.fromEntries(table.columns.map((c) => [c.name, c.access === 'clear' ? c.type : `masked · ${c.access}`]))} />}
    </section>
  );
}
