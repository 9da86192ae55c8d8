import type { ReactNode } from 'react';
import './shell.css';

/**
 * The compact strip above the views once data is loaded: each item is a short label and
 * one line (sources, models and checks, saved state) whose details open in place. It
 * keeps the load and run summaries one glance away without pushing the charts down.
 */
export function StatusArea({ children }: { children: ReactNode }) {
  return (
    <div className="status-area" data-testid="status-area">
      {children}
    </div>
  );
}
