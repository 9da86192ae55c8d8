import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Spec, View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { KEY, ROWS, SELECTED } from './specs/chartBase';
import { encodeOnEnter } from './encodeOnEnter';
import { useVegaEmbed } from './useVegaEmbed';
import { EMBED_OPTIONS } from './vegaOptions';

export type ChartRow = Record<string, unknown>;

interface Props {
  spec: TopLevelSpec;
  /** Applied to the compiled Vega spec (vega-embed's `patch`); the view is embedded again when it changes. */
  patch?: (vega: Spec) => Spec;
  /** Undefined until the first result: the view then waits, empty. */
  rows?: ChartRow[];
  /** The chart's own filter value, highlighted; null for none. */
  selected: string | null;
  /** Identifies `rows`; written to data-rendered-key once they are on screen (tests and the bench wait for it). */
  dataKey?: string;
  /** Called with the `_key` of a clicked mark that has one. */
  onPick?: (key: string) => void;
  /** The live Vega view, for image downloads. */
  onView?: (view: View | undefined) => void;
  /** Called with `dataKey` once its rows are on screen (embed mode's `ready` message). */
  onRendered?: (dataKey: string) => void;
}

/**
 * A Vega-Lite chart embedded once per spec; new rows and selections go into the live
 * view (view.data / view.signal), which re-renders only what changed, rather than
 * re-parsing the spec on every filter change.
 */
export function VegaChart({ spec, patch, rows, selected, dataKey, onPick, onView, onRendered }: Props) {
  const container = useRef<HTMLDivElement>(null);
  // A view is made once there are rows to show: embedding (compile, parse, first layout) costs
  // the page's thread, and charts still waiting for their rows (a run that builds them in
  // order of need) must not delay drawing the ones that have them. Once made, it stays.
  const [wanted, setWanted] = useState(rows !== undefined);
  if (rows !== undefined && !wanted) setWanted(true);
  const options = useMemo(() => ({ ...EMBED_OPTIONS, patch: (vega: Spec) => encodeOnEnter(patch ? patch(vega) : vega) }), [patch]);
  const view = useVegaEmbed(container, spec, options, wanted);
  /** The rows the view holds, so that a change of selection alone does not push them again. */
  const pushed = useRef<ChartRow[]>(undefined);
  // A new view holds no rows yet.
  useLayoutEffect(() => {
    pushed.current = undefined;
  }, [view]);

  useEffect(() => {
    onView?.(view);
  }, [view, onView]);

  useEffect(() => {
    if (!view || !onPick) return;
    // Marks carry the row; axes and legends have items without a _key, and are ignored.
    const listener = (_event: unknown, item: { datum?: ChartRow } | null | undefined) => {
      const key = item?.datum?.[KEY];
      if (typeof key === 'string') onPick(key);
    };
    view.addEventListener('click', listener);
    return () => {
      view.removeEventListener('click', listener);
    };
  }, [view, onPick]);

  // In the commit, not after the browser has painted: new rows go into the view without
  // waiting a frame for React's passive effects.
  useLayoutEffect(() => {
    if (!view || !rows || dataKey === undefined) return;
    let current = true;
    if (pushed.current !== rows) {
      // Copies: Vega annotates and may parse fields of the objects it is given.
      view.data(ROWS, rows.map((r) => ({ ...r })));
      // New rows can change the axes' extents (longer labels, a title pushed down); Vega
      // redoes the 'fit' layout only when asked, so without this the axes overflow and are
      // clipped until the window is resized.
      view.resize();
      pushed.current = rows;
    }
    void view
      .signal(SELECTED, selected)
      .runAsync()
      .then(() => {
        if (!current) return;
        container.current?.setAttribute('data-rendered-key', dataKey);
        onRendered?.(dataKey);
      });
    return () => {
      current = false;
    };
  }, [view, rows, selected, dataKey, onRendered]);

  return <div ref={container} className="vega-chart" />;
}
