import type { TableInfo } from '../../lakehouse/tableInfo';
import { formatCount } from '../format';

interface Props {
  tables: TableInfo[];
  selected?: string;
  onSelect: (table: TableInfo) => void;
}

export const tableKey = (t: Pick<TableInfo, 'layer' | 'name'>) => `${t.layer}.${t.name}`;

/** The lakehouse's tables by layer, with row counts; choosing one opens its preview. */
export function TableList({ tables, selected, onSelect }: Props) {
  const layers = [...new Set(tables.map((t) => t.layer))];
  return (
    <nav className="table-list" aria-label="Tables">
      {layers.map((layer) => (
        <section key={layer} aria-labelledby={`layer-${layer}`}>
          <h3 id={`layer-${layer}`} className={`layer layer-${layer}`}>
            {layer}
          </h3>
          <ul>
            {tables
              .filter((t) => t.layer === layer)
              .map((t) => (
                <li key={tableKey(t)}>
                  <button
                    type="button"
                    aria-current={selected === tableKey(t) ? 'true' : undefined}
                    data-testid={`table-${tableKey(t)}`}
                    onClick={() => onSelect(t)}
                  >
                    <span className="name">{t.name}</span>
                    <span className="rows" data-testid={`rows-${tableKey(t)}`}>
                      {formatCount(t.rows)}
                    </span>
                  </button>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
