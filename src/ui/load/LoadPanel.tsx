import { useRef } from 'react';
import type { PickedFile } from '../../lakehouse/lakehouseService';
import { fromFileList } from './collectDropped';

interface Props {
  busy: boolean;
  /** Data is loaded: a heading and the buttons only, so the views sit higher on the page. */
  compact?: boolean;
  onFiles: (files: PickedFile[]) => void;
  onDemo: () => void;
}

/** The first screen's three ways in: drop, pick files or a folder, or the demo. */
export function LoadPanel({ busy, compact = false, onFiles, onDemo }: Props) {
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const picked = (input: HTMLInputElement | null) => {
    if (input?.files?.length) onFiles(fromFileList(input.files));
    if (input) input.value = '';
  };
  return (
    <section className="load-panel" aria-labelledby="load-title">
      <h2 id="load-title">{compact ? 'Add a batch' : 'Load your exports'}</h2>
      {compact && (
        <p className="hint" data-testid="batch-hint">
          New files become the next batch; silver keeps each key&apos;s latest row. Start over is in Export &amp; storage.
        </p>
      )}
      {!compact && (
        <p className="hint">
          Drop CSV files, MySQL/MariaDB dumps (<code>.sql</code>, <code>.sql.gz</code>), MongoDB exports (<code>.json</code>,{' '}
          <code>.bson</code>), a folder or a <code>.zip</code> anywhere on this page. Nothing leaves your browser.
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => files.current?.click()} disabled={busy}>
          Pick files…
        </button>
        <button type="button" onClick={() => folder.current?.click()} disabled={busy}>
          Pick a folder…
        </button>
        <button type="button" className="primary" onClick={onDemo} disabled={busy}>
          Try the demo
        </button>
      </div>
      <input ref={files} type="file" multiple hidden data-testid="file-input" aria-label="Pick files" onChange={(e) => picked(e.currentTarget)} />
      <input
        ref={folder}
        type="file"
        hidden
        data-testid="folder-input"
        aria-label="Pick a folder"
        {...{ webkitdirectory: '', directory: '' }}
        onChange={(e) => picked(e.currentTarget)}
      />
    </section>
  );
}
