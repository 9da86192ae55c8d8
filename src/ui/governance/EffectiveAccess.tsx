import { columnAccess, describeAccess } from '../../lakehouse/policies/columnMasks';
import type { Audience } from '../../lakehouse/policies/policySchema';
import type { TableInfo } from '../../lakehouse/tableInfo';

/**
 * An audience's effective access to each silver and gold table of this lakehouse: not
 * shared, or shared with its rows filtered (or all), and each column clear or masked,
 * saying whether the policy or the column's PII tag decided it.
 */
export function EffectiveAccess({ audience, tables }: { audience: Audience; tables: TableInfo[] }) {
  const rows = audience.rows ? `rows in the audience’s scope: ${audience.rows}` : 'all rows';
  const shown = tables.filter((t) => t.layer === 'silver' || t.layer === 'gold');
  return (
    <table className="governance-access" data-testid="effective-access">
      <caption>Effective access</caption>
      <thead>
        <tr>
          <th scope="col">Table</th>
          <th scope="col">Rows</th>
          <th scope="col">Columns</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((t) => {
          const access = audience.tables[`${t.layer}.${t.name}`];
          return (
            <tr key={`${t.layer}.${t.name}`} data-table={`${t.layer}.${t.name}`} data-access={access ? 'shared' : 'not shared'}>
              <th scope="row">
                {t.layer}.{t.name}
              </th>
              <td>{access ? rows : 'not shared'}</td>
              <td>
                {access && (
                  <ul>
                    {t.columns.map((c) => {
                      const a = columnAccess(c.name, access);
                      return (
                        <li key={c.name} data-column={c.name} data-mask={describeAccess(a)}>
                          {c.name}: {a.mask === 'clear' ? 'allowed' : `masked (${describeAccess(a)}, ${a.source === 'policy' ? 'by the policy' : 'PII tag'})`}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
      {audience.dashboard && (
        <tfoot>
          <tr>
            <td colSpan={3}>The dashboard’s tables are shipped too, built from the same rows; their personal-data columns masked by PII tag.</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
