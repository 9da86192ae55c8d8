/**
 * The deployment's embed allow-list as the page reads it: /embed-config.json, served by
 * scripts/serve.mjs from the same list it puts in the embed page's frame-ancestors
 * (scripts/embedConfig.mjs). Only exact origins are kept; anything else in the file is
 * dropped, so a broken entry can only narrow the list.
 */
export async function loadAllowedOrigins(fetchJson: () => Promise<unknown> = fetchConfig): Promise<string[]> {
  const json = (await fetchJson()) as { allowedOrigins?: unknown } | null;
  const list = Array.isArray(json?.allowedOrigins) ? json.allowedOrigins : [];
  return list.filter((o): o is string => typeof o === 'string' && isOrigin(o));
}

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text && !text.includes('*');
  } catch {
    return false;
  }
}

async function fetchConfig(): Promise<unknown> {
  const response = await fetch('/embed-config.json', { cache: 'no-cache', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`/embed-config.json: HTTP ${response.status}`);
  return response.json();
}
