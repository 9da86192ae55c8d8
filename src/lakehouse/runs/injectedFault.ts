import type { ModelFile } from '../../pipeline/model';
import type { RunOptions } from '../../pipeline/runner';

/**
 * A transient failure made on purpose, for tests and demos of retries in the browser
 * (`?fault=gold.revenue_monthly` or `?fault=gold.revenue_monthly,2` in the page's URL):
 * the model is given `retries: 1`, as its file would declare it, and its first
 * `failures` tries in this page (counted across runs) fail with an I/O error before its
 * SQL runs, as a storage hiccup would. Everything after that is the real runner: the
 * retry, its pause, the attempts recorded. Without the parameter nothing changes.
 */
export interface InjectedFault {
  model: string;
  failures: number;
}

/** The fault a `?fault=` value asks for; an error naming the value when it is not one. */
export function parseFault(value: string): InjectedFault {
  const match = /^((?:silver|gold)\.[a-z_][a-z0-9_]*)(?:,(\d))?$/.exec(value.trim());
  if (!match) throw new Error(`?fault= takes a model and how many tries fail, e.g. "gold.revenue_monthly" or "gold.revenue_monthly,2"; got "${value}"`);
  return { model: match[1]!, failures: match[2] === undefined ? 1 : Number(match[2]) };
}

/** The faulty model's file declaring `retries: 1` and its fault (after its first header line); the others as they are. */
export function faultyModelFiles(files: readonly ModelFile[], fault: InjectedFault | undefined): ModelFile[] {
  if (!fault) return [...files];
  const path = `${fault.model.replace('.', '/')}.sql`;
  if (!files.some((f) => f.path.endsWith(path))) throw new Error(`?fault=: there is no model ${fault.model}`);
  // The fault is named in the file too: a file with another fault is another model, which
  // an incremental run builds again (an unchanged one it leaves as it is, never trying it).
  const note = `-- A transient failure is injected here: ?fault=${fault.model},${fault.failures}.\n`;
  return files.map((f) => (f.path.endsWith(path) ? { ...f, sql: f.sql.replace(/^([^\n]*\n)/, `$1-- retries: 1\n${note}`) } : f));
}

/** The runner's hook that fails the model's first tries; a counter that lives as long as the page. */
export function faultHooks(fault: InjectedFault | undefined): RunOptions['testHooks'] {
  if (!fault) return undefined;
  let tries = 0;
  return {
    beforeAttempt: async (model) => {
      if (model.id === fault.model && ++tries <= fault.failures) {
        throw new Error(`IO Error: could not read the storage for ${model.id} (transient failure ${tries} of ${fault.failures}, made by ?fault=)`);
      }
    },
  };
}
