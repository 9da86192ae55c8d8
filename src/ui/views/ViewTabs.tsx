import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { VIEWS, type View } from './urlState';

const LABELS: Record<View, string> = {
  tables: 'Tables',
  dashboard: 'Dashboard',
  console: 'SQL console',
  pipeline: 'Pipeline',
  runs: 'Runs',
  catalog: 'Catalog',
  quality: 'Data quality',
  predictions: 'Predictions',
  governance: 'Governance',
  export: 'Export & storage',
};
const TABS = VIEWS.map((view) => ({ view, label: LABELS[view] }));

export const tabId = (view: View) => `tab-${view}`;
export const panelId = (view: View) => `panel-${view}`;

/**
 * The app's views as ARIA tabs: one tab stop, arrow keys (and Home/End) move between
 * tabs and select them, each tab controls its panel.
 */
export function ViewTabs({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((t) => t.view === view);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = TABS[(next + TABS.length) % TABS.length]!;
    onChange(target.view);
    list.current?.querySelector<HTMLElement>(`#${tabId(target.view)}`)?.focus();
  };
  return (
    <div className="view-tabs" role="tablist" aria-label="Views" ref={list} onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.view}
          type="button"
          role="tab"
          id={tabId(t.view)}
          aria-selected={view === t.view}
          aria-controls={panelId(t.view)}
          tabIndex={view === t.view ? 0 : -1}
          onClick={() => onChange(t.view)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** One view's panel; its content is rendered only while it is the selected view. */
export function ViewPanel({ view, current, className, children }: { view: View; current: View; className?: string; children: () => ReactNode }) {
  return (
    <div role="tabpanel" id={panelId(view)} aria-labelledby={tabId(view)} hidden={view !== current} className={className}>
      {view === current && children()}
    </div>
  );
}
