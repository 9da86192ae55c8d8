import { useState, type KeyboardEvent } from 'react';
import { LAYERS } from '../../pipeline/layers';
import { formatCount } from '../format';
import type { CatalogMatch } from './catalogSearch';

export interface CatalogSelection {
  table: string;
  column?: string;
}

interface Props {
  matches: CatalogMatch[];
  /** Searching: tables open to show the columns found. */
  searching: boolean;
  selected?: CatalogSelection;
  onSelect: (selection: CatalogSelection) => void;
}

const id = (m: CatalogMatch) => `${m.table.layer}.${m.table.name}`;

/** Layers → tables → columns as nested lists of buttons; a table's button opens and closes its columns. */
export function CatalogTree({ matches, searching, selected, onSelect }: Props) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (key: string) => setOpen((o) => (o.has(key) ? new Set([...o].filter((k) => k !== key)) : new Set(o).add(key)));
  if (matches.length === 0) return <p className="hint" role="status">No table or column matches the search.</p>;
  // Up and down move between the visible entries; right opens a table, left closes it (or goes up to it from a column).
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const current = buttons[at]!;
    const table = current.closest('li.catalog-entry')?.querySelector<HTMLButtonElement>('button.catalog-table');
    const key = current.dataset.table;
    let target: HTMLButtonElement | undefined;
    if (event.key === 'ArrowDown') target = buttons[at + 1];
    else if (event.key === 'ArrowUp') target = buttons[at - 1];
    else if (event.key === 'Home') target = buttons[0];
    else if (event.key === 'End') target = buttons[buttons.length - 1];
    else if (event.key === 'ArrowRight' && key && current.getAttribute('aria-expanded') === 'false') setOpen((o) => new Set(o).add(key));
    else if (event.key === 'ArrowLeft' && key && current.getAttribute('aria-expanded') === 'true') setOpen((o) => new Set([...o].filter((k) => k !== key)));
    else if (event.key === 'ArrowLeft' && !key) target = table ?? undefined;
    else return;
    event.preventDefault();
    target?.focus();
  };
  return (
    <nav className="catalog-tree" aria-label="Catalog: arrow keys move, right opens a table, left closes it" onKeyDown={onKeyDown}>
      {LAYERS.filter((layer) => matches.some((m) => m.table.layer === layer)).map((layer) => (
        <section key={layer} aria-labelledby={`catalog-layer-${layer}`}>
          <h3 id={`catalog-layer-${layer}`} className={`layer layer-${layer}`}>
            {layer}
          </h3>
          <ul>
            {matches
              .filter((m) => m.table.layer === layer)
              .map((m) => {
                const key = id(m);
                const expanded = (searching && !m.tableMatches) || open.has(key);
                return (
                  <li key={key} className="catalog-entry">
                    <button
                      type="button"
                      className="catalog-table"
                      data-table={key}
                      aria-expanded={expanded}
                      aria-current={selected?.table === key && !selected.column ? 'true' : undefined}
                      data-testid={`catalog-table-${key}`}
                      onClick={() => {
                        if (selected?.table === key && !selected.column) toggle(key);
                        else setOpen((o) => new Set(o).add(key));
                        onSelect({ table: key });
                      }}
                    >
                      <span className="name">{m.table.name}</span>
                      <span className="rows">{formatCount(m.table.rows)}</span>
                    </button>
                    {expanded && (
                      <ul className="catalog-columns" aria-label={`Columns of ${key}`}>
                        {m.columns.map((c) => (
                          <li key={c.name}>
                            <button
                              type="button"
                              aria-current={selected?.table === key && selected.column === c.name ? 'true' : undefined}
                              data-testid={`catalog-column-${key}.${c.name}`}
                              onClick={() => onSelect({ table: key, column: c.name })}
                            >
                              <span className="name">{c.name}</span>
                              <span className="type">{c.type}</span>
                              {c.pii && <span className="pii-tag">PII</span>}
                            </button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
