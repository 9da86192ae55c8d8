import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { ModelFile } from '../pipeline/model';

const MODELS = fileURLToPath(new URL('../pipeline/models', import.meta.url));

/** The shipped model files, read from disk (the browser gets them bundled instead). */
export async function readModels(dir = MODELS): Promise<ModelFile[]> {
  const files: ModelFile[] = [];
  for (const layer of ['silver', 'gold']) {
    const names = (await readdir(join(dir, layer)).catch(() => [] as string[])).filter((n) => n.endsWith('.sql')).sort();
    for (const name of names) files.push({ path: `${layer}/${name}`, sql: await readFile(join(dir, layer, name), 'utf8') });
  }
  return files;
}
