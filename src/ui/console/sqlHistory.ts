/** The console's history in localStorage: the most recent first, the last HISTORY_SIZE queries, no repeats. */
export const HISTORY_KEY = 'pocket-lakehouse.sql-history';
export const HISTORY_SIZE = 50;

export function readHistory(storage: Pick<Storage, 'getItem'> = localStorage): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((q): q is string => typeof q === 'string').slice(0, HISTORY_SIZE) : [];
  } catch {
    return [];
  }
}

/** The history with `sql` in front (moved there if it was already in it). */
export function remember(history: readonly string[], sql: string): string[] {
  const text = sql.trim();
  if (!text) return [...history];
  return [text, ...history.filter((q) => q !== text)].slice(0, HISTORY_SIZE);
}

export function writeHistory(history: readonly string[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(HISTORY_KEY, JSON.stringify(history));
  } catch {
    // Storage full or disabled (private mode): the history lasts for the session only.
  }
}
