import embed from 'vega-embed';
import type { Spec } from 'vega';
import { CHARTS } from './chartCatalog';
import { encodeOnEnter } from './encodeOnEnter';
import { ROWS } from './specs/chartBase';
import { EMBED_OPTIONS } from './vegaOptions';

let warmed: Promise<void> | undefined;

/**
 * Draws the first chart once, in a detached element, with one made-up row, while the
 * worker loads and builds (the page's thread is idle then). The first chart a page draws
 * otherwise meets Vega-Lite's compiler, Vega's parser and its SVG renderer cold, which on
 * this machine cost about as much again as the drawing itself, right on the path from
 * the first rows to the first chart. Once per page; failures are ignored (it is only ahead
 * of time, the real chart does the same work).
 */
export function warmUpCharts(): Promise<void> {
  warmed ??= (async () => {
    const definition = CHARTS[0]!;
    const patch = (vega: Spec) => encodeOnEnter(definition.patch ? definition.patch(vega) : vega);
    const result = await embed(document.createElement('div'), definition.spec, { ...EMBED_OPTIONS, patch });
    try {
      await result.view.data(ROWS, [{ customer_state: 'SP', revenue: 1, orders: 1, customers: 1, _key: 'SP' }]).runAsync();
    } finally {
      result.finalize();
    }
  })().catch(() => undefined);
  return warmed;
}
