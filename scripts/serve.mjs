#!/usr/bin/env node
// Serves the built app (dist/) on 127.0.0.1 with the isolation and security headers:
// what `npm start` and the end-to-end tests run. The handler is in scripts/appServer.mjs.
// Usage: node scripts/serve.mjs [--port N] [--dir FOLDER] [--published PUBLISH_DIR] [--audit-log FILE]
// (PORT works too; default 4173). Signed extracts need LAKEHOUSE_SIGNING_KEYS (README "Governance").
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAppServer } from './appServer.mjs';
import { readEmbedConfig } from './embedConfig.mjs';
import { readSigningKeys } from './signedExtract.mjs';

function option(name) {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

const root = resolve(option('--dir') ?? 'dist');
const port = Number(option('--port') ?? process.env.PORT ?? 4173);
if (!existsSync(resolve(root, 'index.html'))) {
  console.error(`No built app in ${root} (index.html is missing): run \`npm run build\` first, or pass --dir FOLDER.`);
  process.exit(1);
}
// Read once at start: a bad origin in the list stops the server with a message.
const embedConfig = readEmbedConfig(root);

// Published extracts (npm run publish) are served only for signed requests, each logged.
const publishedOption = option('--published') ?? process.env.LAKEHOUSE_PUBLISHED;
const published = publishedOption ? resolve(publishedOption) : undefined;
const auditLog = resolve(option('--audit-log') ?? process.env.LAKEHOUSE_AUDIT_LOG ?? (published ? resolve(published, 'audit.log') : 'audit.log'));
const keys = readSigningKeys();
if (published && keys.length === 0) {
  console.error('--published needs LAKEHOUSE_SIGNING_KEYS (comma-separated keys of 32+ characters) to check signed URLs.');
  process.exit(1);
}

const server = createAppServer({ root, embedConfig, extracts: { published, keys, auditLog: published ? auditLog : undefined } });
server.listen(port, '127.0.0.1', () => {
  // The bound port, so that `--port 0` (tests) says which one it got.
  console.log(`Pocket Lakehouse is running at http://127.0.0.1:${server.address().port}/  (Ctrl+C to stop)`);
  console.log('It lists the files of the folder at start: restart it after a new build.');
  if (published) console.log(`Signed extracts from ${published}; audit log ${auditLog}`);
  if (embedConfig.allowedOrigins.length) console.log(`Embedding allowed from: ${embedConfig.allowedOrigins.join(' ')}`);
});
