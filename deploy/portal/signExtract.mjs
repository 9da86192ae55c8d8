// How a portal signs an embed URL for an audience (README "Governance"), in Node.
// The key is the server's LAKEHOUSE_SIGNING_KEYS entry; it stays on the portal's server.
import { createHmac } from 'node:crypto';

export function signedEmbedUrl(base, key, audience, parameters = {}, ttlSeconds = 300) {
  const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
  const lines = ['v1', audience, String(expires), ...Object.keys(parameters).sort().map((n) => `${n}=${parameters[n]}`)];
  const sig = createHmac('sha256', key).update(`${lines.join('\n')}\n`, 'utf8').digest('hex');
  const query = new URLSearchParams({ embed: 'dashboard', audience, exp: String(expires) });
  for (const [name, value] of Object.entries(parameters)) query.set(`p.${name}`, value);
  query.set('sig', sig);
  return `${base}/?${query}`;
}
