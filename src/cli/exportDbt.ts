import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportDbtProject } from '../pipeline/dbt/exportDbtProject';
import { parseModel } from '../pipeline/model';
import { readModels } from './readModels';
import { runMain } from './runMain';

const USAGE = `usage: npm run export-dbt -- --out DIR

Writes the shipped models as a dbt project that runs on dbt-duckdb, dbt-spark and
dbt-databricks (spark/README.md): dbt_project.yml, profiles.yml, models, tests, macros.

exit status: 0 written; 1 a model has no current Spark translation; 2 usage error`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    return console.error(`${(error as Error).message}\n\n${USAGE}`), 2;
  }
  if (values.help) return console.log(USAGE), 0;
  if (!values.out) return console.error(USAGE), 2;
  const models = (await readModels()).map(parseModel);
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  let files;
  try {
    files = exportDbtProject(models, undefined, undefined, sha256);
  } catch (error) {
    return console.error(`error: ${(error as Error).message}`), 1;
  }
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(values.out, path)), { recursive: true });
    await writeFile(join(values.out, path), text);
  }
  console.log(`wrote a dbt project of ${models.length} models (${Object.keys(files).length} files) to ${values.out}`);
  return 0;
}

runMain(main);
