import { useEffect, useState, type RefObject } from 'react';
import embed, { type EmbedOptions } from 'vega-embed';
import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Embeds `spec` into the container once per (spec, options), when `enabled`, and finalizes
 * the view when either changes or the component unmounts; an embed that finishes after
 * that is finalized at once. The live view, undefined until it is ready.
 */
export function useVegaEmbed(container: RefObject<HTMLDivElement | null>, spec: TopLevelSpec, options: EmbedOptions, enabled = true): View | undefined {
  const [view, setView] = useState<View>();
  useEffect(() => {
    if (!enabled) return;
    let finalize: (() => void) | undefined;
    let cancelled = false;
    void embed(container.current!, spec, options).then((result) => {
      if (cancelled) return result.finalize();
      finalize = result.finalize;
      setView(result.view);
    });
    return () => {
      cancelled = true;
      finalize?.();
      setView(undefined);
    };
  }, [container, spec, options, enabled]);
  return view;
}
