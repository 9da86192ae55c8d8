import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NativeEngine } from '../engine/native/nativeEngine';
import { deriveLineage, renderLineageFile } from '../pipeline/lineage/deriveLineage';
import { readModels } from './readModels';
import { runMain } from './runMain';

const FILE = fileURLToPath(new URL('../pipeline/models/lineage.json', import.meta.url));
const SHOWN = 'src/pipeline/models/lineage.json';

const USAGE = `usage: npm run lineage [-- --check]

Derives column-level lineage of the models in src/pipeline/models (with native DuckDB's
parser) and writes ${SHOWN}, which the app bundles.

  --check   write nothing; exit 1 if ${SHOWN} is not what would be written

exit status: 0 written or up to date; 1 stale (with --check) or lineage could not be
derived; 2 usage error`;

async function main(argv: string[]): Promise<number> {
  let check: boolean | undefined;
  try {
    const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) return console.log(USAGE), 0;
    check = values.check;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const engine = await NativeEngine.open();
  let text: string;
  try {
    text = renderLineageFile(await deriveLineage(engine, await readModels()));
  } finally {
    await engine.close();
  }
  const onDisk = await readFile(FILE, 'utf8').catch(() => undefined);
  if (check) {
    if (onDisk === text) return console.log(`${SHOWN} is up to date`), 0;
    console.error(`${SHOWN} is stale: it does not match the models. Run \`npm run lineage\` and commit the result.`);
    return 1;
  }
  if (onDisk === text) return console.log(`${SHOWN} is up to date`), 0;
  await writeFile(FILE, text);
  console.log(`wrote ${SHOWN}`);
  return 0;
}

runMain(main);
