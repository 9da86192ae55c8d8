import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { ROWS } from '../dashboard/specs/chartBase';
import { EMBED_OPTIONS } from '../dashboard/vegaOptions';
import type { ChartRow } from '../dashboard/VegaChart';

/**
 * One dashboard chart as SVG markup, from the same Vega-Lite spec the dashboard embeds,
 * rendered headless (no DOM, no canvas): the spec's container width becomes a fixed one,
 * and expressions run in Vega's interpreter as they do under the app's CSP.
 */
export async function chartSvg(spec: TopLevelSpec, rows: ChartRow[], width = 620): Promise<string> {
  const fixed = { ...spec, width } as TopLevelSpec;
  const vega = compile(fixed, { config: EMBED_OPTIONS.config as Config }).spec;
  const view = new View(parse(vega, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none', logLevel: 1 });
  try {
    view.data(ROWS, rows.map((r) => ({ ...r })));
    await view.runAsync();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
