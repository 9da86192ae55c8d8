import type { Mark, Spec } from 'vega';

/** Encodings Vega-Lite computes from the row alone (its own fields and the calculated description). */
const PER_ROW = ['tooltip', 'description'] as const;

/**
 * The compiled spec with each mark's tooltip and screen-reader description encoded once,
 * when the mark's item is made for a row, instead of on every update. Vega-Lite puts every
 * encoding in `update`, which Vega re-evaluates for all of a mark's items whenever a signal
 * it reads changes: a click's new selection then re-ran, in Vega's expression interpreter
 * (the app's CSP forbids compiled expressions), every point's tooltip and description,
 * though neither depends on the selection. New rows make new items (view.data replaces
 * them), so these are still computed for every row that is drawn.
 */
export function encodeOnEnter(vega: Spec): Spec {
  return { ...vega, marks: vega.marks?.map(moveToEnter) };
}

function moveToEnter(mark: Mark): Mark {
  const nested = 'marks' in mark && mark.marks ? { marks: mark.marks.map(moveToEnter) } : {};
  const update = mark.encode?.update;
  if (!update || !PER_ROW.some((channel) => channel in update)) return { ...mark, ...nested } as Mark;
  const enter = { ...mark.encode!.enter };
  const rest = { ...update };
  for (const channel of PER_ROW) {
    if (!(channel in rest)) continue;
    (enter as Record<string, unknown>)[channel] = rest[channel];
    delete rest[channel];
  }
  return { ...mark, ...nested, encode: { ...mark.encode, enter, update: rest } } as Mark;
}
