#!/usr/bin/env node
// Serves the built app (dist/) on 127.0.0.1 with the isolation and security headers:
// what `npm start` and the end-to-end tests run. The handler is in scripts/appServer.mjs.
// Usage: node scripts/serve.mjs [--port N] [--dir FOLDER]   (PORT works too; default 4173)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAppServer } from './appServer.mjs';
import { readEmbedConfig } from './embedConfig.mjs';

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

const server = createAppServer({ root, embedConfig });
server.listen(port, '127.0.0.1', () => {
  // The bound port, so that `--port 0` (tests) says which one it got.
  console.log(`Pocket Lakehouse is running at http://127.0.0.1:${server.address().port}/  (Ctrl+C to stop)`);
  console.log('It lists the files of the folder at start: restart it after a new build.');
  if (embedConfig.allowedOrigins.length) console.log(`Embedding allowed from: ${embedConfig.allowedOrigins.join(' ')}`);
});
