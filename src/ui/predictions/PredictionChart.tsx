import { useEffect, useRef } from 'react';
import embed from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';
import { EMBED_OPTIONS } from '../dashboard/vegaOptions';

/** One chart of the Predictions view: a titled figure, drawn once per spec (rows are inline). */
export function PredictionChart({ id, title, description, spec }: { id: string; title: string; description: string; spec: TopLevelSpec }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let finalize: (() => void) | undefined;
    let cancelled = false;
    void embed(container.current!, spec, EMBED_OPTIONS).then((result) => {
      if (cancelled) return result.finalize();
      finalize = result.finalize;
      // Tests wait for this before reading the marks.
      container.current?.setAttribute('data-rendered', 'true');
    });
    return () => {
      cancelled = true;
      finalize?.();
      container.current?.removeAttribute('data-rendered');
    };
  }, [spec]);
  return (
    <section className="chart-card" aria-labelledby={`${id}-title`} aria-describedby={`${id}-description`} data-testid={id}>
      <h4 id={`${id}-title`}>{title}</h4>
      <p className="chart-description" id={`${id}-description`}>
        {description}
      </p>
      <div className="chart-body">
        <div ref={container} className="vega-chart" />
      </div>
    </section>
  );
}
