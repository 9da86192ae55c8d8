import type { ChartId } from '../../lakehouse/dashboard/chartId';
import { FILTER_DIMENSIONS, validateFilter, type DashboardFilter, type FilterDimension } from '../../lakehouse/dashboard/dashboardFilter';

/**
 * The embed's postMessage protocol (README, "Embedding"). Every message is a plain object
 * whose `type` starts with this prefix, so a portal can tell ours from other frames'.
 */
export const PREFIX = 'pocket-lakehouse:';

/** To the parent, once every chosen chart has drawn its first rows. */
export interface ReadyMessage {
  type: 'pocket-lakehouse:ready';
  charts: ChartId[];
}

/**
 * To the parent, when the user changes the filter in the embed: the whole filter after
 * the change. A click on a chart also names the chart, the dimension and the value
 * clicked (null: the click removed it); a change in the select boxes or Clear does not.
 */
export interface SelectionMessage {
  type: 'pocket-lakehouse:selection';
  filter: DashboardFilter;
  chart?: ChartId;
  dimension?: FilterDimension;
  value?: string | null;
}

/** From the parent: replace the embed's filter (an empty object clears it). */
export interface SetFilterMessage {
  type: 'pocket-lakehouse:set-filter';
  filter: DashboardFilter;
}

export type OutgoingMessage = ReadyMessage | SelectionMessage;

/**
 * A message from the parent as a SetFilterMessage, or a reason it is not one. Only known
 * keys of known types are accepted; the filter's values are checked as the worker checks
 * them (text, length, month shape), so nothing else reaches a query.
 */
export function parseIncoming(data: unknown): { message: SetFilterMessage } | { error: string } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { error: 'not an object' };
  const { type, filter, ...rest } = data as Record<string, unknown>;
  if (type !== 'pocket-lakehouse:set-filter') return { error: `unknown type ${JSON.stringify(type)}` };
  if (Object.keys(rest).length) return { error: `unknown keys: ${Object.keys(rest).join(', ')}` };
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return { error: 'filter is not an object' };
  const extra = Object.keys(filter).filter((k) => !(FILTER_DIMENSIONS as readonly string[]).includes(k));
  if (extra.length) return { error: `unknown filter keys: ${extra.join(', ')}` };
  try {
    return { message: { type, filter: validateFilter(filter as DashboardFilter) } };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * The parent page's origin, as far as the browser tells it: `location.ancestorOrigins`
 * (Chromium, Safari) or the referrer's origin (the iframe's first request; a portal
 * sending no referrer leaves it unknown). Undefined when the page is not framed.
 */
export function parentOriginOf(win: Pick<Window, 'parent' | 'location' | 'document'>): string | undefined {
  if (win.parent === (win as unknown)) return undefined;
  const ancestor = win.location.ancestorOrigins?.[0];
  if (ancestor) return ancestor;
  try {
    return win.document.referrer ? new URL(win.document.referrer).origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where outgoing messages go: the parent's origin when it is known and allowed; when it
 * is unknown, each allowed origin (postMessage delivers only to the one the parent really
 * has); none when the parent's origin is not allowed. Never '*'.
 */
export function targetOrigins(parentOrigin: string | undefined, allowed: readonly string[]): string[] {
  if (parentOrigin === undefined) return [...allowed];
  return allowed.includes(parentOrigin) ? [parentOrigin] : [];
}
