import { useEffect, useState } from 'react';
import type { ExportedFile } from '../../lakehouse/export/exportTable';
import { formatBytes } from '../../ingest/formatBytes';
import type { SavedState } from '../persistence/savedState';
import { dbtProjectZip } from '../../pipeline/dbt/dbtProjectZip';
import { saveFile } from './saveFile';
import { statusText, useExportAction } from './useExportAction';
import { PublishSection, type PublishPolicies } from './PublishSection';
import './export.css';

interface Props {
  exportLakehouse: () => Promise<ExportedFile>;
  /** The HTML report, built in the page; undefined until gold exists. */
  htmlReport?: () => Promise<string>;
  /** Publishing the extracts of a policies file; undefined until gold exists. */
  publishPolicies?: PublishPolicies;
  saved: SavedState;
  onReset: () => Promise<void>;
}

/** The Export view: the lakehouse as a zip, the HTML report, published extracts, and browser storage with Reset. */
export default function ExportPanel({ exportLakehouse, htmlReport, publishPolicies, saved, onReset }: Props) {
  const [status, run] = useExportAction();
  const working = status.state === 'working';
  const zip = () =>
    run('Exporting the lakehouse', async () => {
      const file = await exportLakehouse();
      saveFile(file.bytes, file.fileName, file.mimeType);
      return `Saved ${file.fileName} (${formatBytes(file.bytes.byteLength)}).`;
    });
  const report = () =>
    run('Building the HTML report', async () => {
      const html = await htmlReport!();
      const fileName = `pocket-lakehouse-report-${new Date().toISOString().slice(0, 10)}.html`;
      saveFile(html, fileName, 'text/html');
      return `Saved ${fileName} (${formatBytes(new TextEncoder().encode(html).byteLength)}).`;
    });
  const dbt = () =>
    run('Building the dbt project', async () => {
      const bytes = dbtProjectZip();
      saveFile(bytes, 'pocket-lakehouse-dbt.zip', 'application/zip');
      return `Saved pocket-lakehouse-dbt.zip (${formatBytes(bytes.byteLength)}).`;
    });
  return (
    <div className="export-view">
      <section aria-labelledby="export-files">
        <h2 id="export-files">Export</h2>
        <p className="hint">Every table of bronze, silver, gold, quarantine and duplicates as Parquet in one zip, with run.json as the command-line pipeline writes it; or the dashboard as one HTML file that opens anywhere, offline.</p>
        <div className="export-buttons">
          <button type="button" onClick={zip} disabled={working}>
            Download lakehouse (.zip)
          </button>
          <button type="button" onClick={report} disabled={working || !htmlReport}>
            Download HTML report
          </button>
          <button type="button" onClick={dbt} disabled={working} title="The shipped models as a dbt project for dbt-duckdb, Spark and Databricks">
            Download dbt project (.zip)
          </button>
          <span role="status" className={status.state === 'failed' ? 'error' : 'hint'}>
            {htmlReport ? statusText(status) : 'The report needs the gold tables: it is available once the pipeline has run.'}
          </span>
        </div>
      </section>
      <PublishSection publish={publishPolicies} />
      <StorageSection saved={saved} onReset={onReset} />
    </div>
  );
}

function StorageSection({ saved, onReset }: { saved: SavedState; onReset: () => Promise<void> }) {
  const [estimate, setEstimate] = useState<StorageEstimate>();
  const [persisted, setPersisted] = useState<boolean>();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    void navigator.storage?.estimate?.().then(setEstimate, () => undefined);
    void navigator.storage?.persisted?.().then(setPersisted, () => undefined);
  }, [saved]);
  return (
    <section aria-labelledby="export-storage">
      <h2 id="export-storage">Browser storage</h2>
      <dl data-testid="storage-usage">
        <dt>Saved lakehouse</dt>
        <dd>{saved.status === 'saved' ? `${saved.tables} tables, ${formatBytes(saved.bytes)} database file` : saved.status === 'saving' ? 'saving…' : 'nothing saved'}</dd>
        <dt>Used by this site</dt>
        <dd>{estimate?.usage !== undefined ? `${formatBytes(estimate.usage)}${estimate.quota ? ` of ${formatBytes(estimate.quota)} available` : ''}` : 'unknown'}</dd>
        <dt>Kept by the browser</dt>
        <dd data-testid="storage-persisted">
          {persisted ? 'yes: persistent storage was granted' : 'best effort: the browser refused persistent storage, so it may clear this site’s data when disk space runs low — download the lakehouse (.zip) to keep a copy'}
        </dd>
      </dl>
      {confirming ? (
        <div className="export-buttons" role="group" aria-label="Confirm reset">
          <span>Remove every table and every batch from this tab and from browser storage?</span>
          <button type="button" className="danger" autoFocus onClick={() => void onReset().finally(() => setConfirming(false))}>
            Yes, start over
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Start over: clear the lakehouse, its batches and saved data
        </button>
      )}
    </section>
  );
}
