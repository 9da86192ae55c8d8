import type { EmbedOptions } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { chartConfig } from './specs/chartBase';

/**
 * vega-embed settings that work under the app's Content-Security-Policy (no eval, no
 * inline styles): Vega's expressions run in its AST interpreter instead of compiled
 * functions, vega-embed and vega-tooltip do not inject their <style> elements (app.css
 * styles them), and the charts are SVG with no action menu.
 */
export const EMBED_OPTIONS: EmbedOptions = {
  mode: 'vega-lite',
  ast: true,
  expr: expressionInterpreter,
  actions: false,
  renderer: 'svg',
  // Errors only: an empty result (a view before its first rows, a filter matching nothing)
  // makes Vega warn about infinite extents, which is expected here.
  logLevel: 1,
  defaultStyle: false,
  tooltip: { disableDefaultStyle: true, theme: 'light' },
  // A white background, so that a downloaded PNG is not transparent.
  config: { ...chartConfig, background: 'white' },
};
