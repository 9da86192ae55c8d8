import { strToU8, zipSync } from 'fflate';
import { bundledModelFiles } from '../models/bundledModels';
import { parseModel } from '../model';
import { exportDbtProject } from './exportDbtProject';

/**
 * The shipped models as a dbt project in a zip, under one folder: what
 * `npm run export-dbt` writes, for the Export view's download.
 */
export function dbtProjectZip(folder = 'pocket-lakehouse-dbt'): Uint8Array {
  const files = exportDbtProject(bundledModelFiles.map(parseModel));
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [`${folder}/${path}`, strToU8(text)])));
}
