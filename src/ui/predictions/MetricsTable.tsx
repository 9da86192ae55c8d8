export interface MetricRow {
  name: string;
  values: string[];
}

/** A model's metrics beside its baselines: one row each, the model first. */
export function MetricsTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: MetricRow[] }) {
  return (
    <table className="metrics-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Predictor</th>
          {columns.map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            {r.values.map((v, i) => (
              <td className="n" key={columns[i]}>
                {v}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
