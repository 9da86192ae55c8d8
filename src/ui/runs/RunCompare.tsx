import type { Compared, RunComparison } from '../../lakehouse/runs/compareRuns';
import { formatCount } from '../format';

const delta = (c: { before: number; after: number }) => {
  const d = c.after - c.before;
  return d === 0 ? '—' : `${d > 0 ? '+' : '−'}${formatCount(Math.abs(d))}`;
};

function FigureTable({ caption, rows, testId }: { caption: string; rows: Compared[]; testId: string }) {
  return (
    <table className="sources run-compare-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} data-name={r.name} data-before={r.before} data-after={r.after} className={r.before !== r.after ? 'changed' : undefined}>
            <th scope="row">{r.name}</th>
            <td>{formatCount(r.before)}</td>
            <td>{formatCount(r.after)}</td>
            <td>{delta(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Two runs side by side: totals, rows per layer, each model's state, rows and time, and the expectations whose result changed. */
export function RunCompare({ comparison }: { comparison: RunComparison }) {
  const { before, after } = comparison;
  const changedModels = comparison.models.filter((m) => m.changed).length;
  return (
    <section className="run-compare" aria-labelledby="run-compare-title" data-testid="run-compare">
      <h3 id="run-compare-title">
        Run {before.id} compared with run {after.id}
      </h3>
      <p role="status" data-testid="run-compare-summary">
        {changedModels === 0 ? 'No model changed its state, rows or tries' : `${changedModels} model${changedModels === 1 ? '' : 's'} changed state, rows or tries`};{' '}
        {comparison.expectations.length === 0 ? 'no expectation changed its result.' : `${comparison.expectations.length} expectation${comparison.expectations.length === 1 ? '' : 's'} changed result.`}
      </p>
      <div className="run-compare-figures">
        <FigureTable caption="Totals" rows={comparison.totals} testId="compare-totals" />
        <FigureTable caption="Rows per layer" rows={comparison.layers} testId="compare-layers" />
      </div>
      <table className="sources run-compare-table" data-testid="compare-models">
        <caption>Models (changed ones marked)</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">State before → after</th>
            <th scope="col">Rows before</th>
            <th scope="col">Rows after</th>
            <th scope="col">Rows change</th>
            <th scope="col">ms before</th>
            <th scope="col">ms after</th>
            <th scope="col">Tries before → after</th>
          </tr>
        </thead>
        <tbody>
          {comparison.models.map((m) => (
            <tr key={m.name} data-model={m.name} data-changed={m.changed} className={m.changed ? 'changed' : undefined}>
              <th scope="row">
                {m.changed && <span className="visually-hidden">Changed: </span>}
                {m.name}
              </th>
              <td>
                {m.before?.status ?? 'absent'} → {m.after?.status ?? 'absent'}
              </td>
              <td>{m.before ? formatCount(m.before.rows) : '—'}</td>
              <td>{m.after ? formatCount(m.after.rows) : '—'}</td>
              <td>{m.before && m.after ? delta({ before: m.before.rows, after: m.after.rows }) : '—'}</td>
              <td>{m.before?.inRun ? m.before.milliseconds : '—'}</td>
              <td>{m.after?.inRun ? m.after.milliseconds : '—'}</td>
              <td>
                {m.before?.attempts ?? '—'} → {m.after?.attempts ?? '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {comparison.expectations.length > 0 && (
        <table className="sources run-compare-table" data-testid="compare-expectations">
          <caption>Expectations whose result changed</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Expectation</th>
              <th scope="col">Severity</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {comparison.expectations.map((e) => (
              <tr key={`${e.model} ${e.name}`} data-model={e.model}>
                <td>{e.model}</td>
                <td>{e.name}</td>
                <td>{e.severity}</td>
                <td>{e.before ? `${e.before.status} (${formatCount(e.before.failing)} failing)` : 'not run'}</td>
                <td>{e.after ? `${e.after.status} (${formatCount(e.after.failing)} failing)` : 'not run'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
