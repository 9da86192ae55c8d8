interface Props {
  history: string[];
  onPick: (sql: string) => void;
}

/** Earlier queries, most recent first; choosing one puts it back in the editor. */
export function HistoryList({ history, onPick }: Props) {
  return (
    <details className="console-history">
      <summary>History ({history.length})</summary>
      {history.length === 0 ? (
        <p className="hint">Queries you run appear here (the last 50, kept in this browser).</p>
      ) : (
        <ol aria-label="Query history">
          {history.map((q, i) => (
            <li key={i}>
              <button type="button" onClick={() => onPick(q)} title={q}>
                {q}
              </button>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
