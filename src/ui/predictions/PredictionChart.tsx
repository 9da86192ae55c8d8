import { useEffect, useRef } from 'react';
import type { TopLevelSpec } from 'vega-lite';
import { useVegaEmbed } from '../dashboard/useVegaEmbed';
import { EMBED_OPTIONS } from '../dashboard/vegaOptions';

/** One chart of the Predictions view: a titled figure, drawn once per spec (rows are inline). */
export function PredictionChart({ id, title, description, spec }: { id: string; title: string; description: string; spec: TopLevelSpec }) {
  const container = useRef<HTMLDivElement>(null);
  const view = useVegaEmbed(container, spec, EMBED_OPTIONS);
  useEffect(() => {
    // Tests wait for this before reading the marks.
    if (view) container.current?.setAttribute('data-rendered', 'true');
    else container.current?.removeAttribute('data-rendered');
  }, [view]);
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
