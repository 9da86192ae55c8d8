import { parseArgs } from 'node:util';
import { pushMetrics, writeMetricsFile } from './metrics/publishMetrics';
import { RunMetrics } from './metrics/runMetrics';
import { ENGINE_NAMES, type EngineName } from './openEngine';
import { runBatch } from './runBatch';
import { exportAsOf } from './exportAsOf';
import { resumeRun } from './resume/resumeRun';
import { runMain } from './runMain';
import { watchFolder } from './watch/watchFolder';

const USAGE = `usage: npm run pipeline -- [--engine native|wasm] [--lakehouse DIR] --out DIR [--metrics FILE] [--pushgateway URL] INPUT...
       npm run pipeline -- [--engine native|wasm] --out DIR --watch FOLDER [--metrics-port N] [--metrics FILE] [--pushgateway URL]
       npm run pipeline -- --lakehouse DIR --as-of VERSION --out OUT
       npm run pipeline -- [--engine native|wasm] --resume DIR [--metrics FILE] [--pushgateway URL]

Loads INPUT into bronze, builds silver and gold, and writes every table as Parquet.

  INPUT   files, folders (read recursively), .zip or .gz archives
  --out   where to write <layer>/<table>.parquet and run.json
  --engine  native (default: native DuckDB) or wasm (DuckDB-WASM, as in the browser)
  --lakehouse DIR  keep the lakehouse in DIR (a native DuckDB database file) between
          runs: each run loads INPUT as the next batch of it, and silver merges the
          batches by key; delete DIR to start over (native engine only)
  --metrics FILE  write the run's Prometheus metrics to FILE (node_exporter textfile
          collector format; written to a temporary file, then renamed)
  --pushgateway URL  push the run's metrics to a Prometheus Pushgateway (job pocket_lakehouse)
  --watch FOLDER  keep running: each new or changed file in FOLDER (once its size and
          modification time have stopped changing) starts a batch, a full run over the
          folder's files; Ctrl-C (SIGINT) or SIGTERM stops it
  --metrics-port N  in watch mode, serve the metrics at http://127.0.0.1:N/metrics
  --as-of VERSION  write the tables of the lakehouse kept in --lakehouse DIR (its
          lakehouse.duckdb, native engine) as they were at that version, instead of a run
  --resume DIR  resume the run written to DIR (by --out): read its run.json and tables
          back, rebuild only the models that failed or were skipped and the models that
          read them, and write their tables and a new run.json (noting the run it resumed)
          to DIR; what succeeded is neither rebuilt nor rewritten
  --models DIR  the model files to run (DIR/silver/*.sql, DIR/gold/*.sql) instead of the
          shipped ones

exit status: 0 done; 1 an input could not be loaded, a model failed, an
error-severity expectation failed or the metrics could not be pushed (everything
computed is still written); 2 usage error`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        lakehouse: { type: 'string' },
        engine: { type: 'string', default: 'native' },
        metrics: { type: 'string' },
        pushgateway: { type: 'string' },
        watch: { type: 'string' },
        'metrics-port': { type: 'string' },
        'as-of': { type: 'string' },
        resume: { type: 'string' },
        models: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return console.log(USAGE), 0;
  const engineName = values.engine as EngineName;
  if (!ENGINE_NAMES.includes(engineName)) return console.error(`unknown engine "${values.engine}"\n\n${USAGE}`), 2;
  if (values.resume !== undefined && (values.out !== undefined || values.watch !== undefined || positionals.length > 0)) return console.error(`--resume DIR reads and writes DIR: it takes no --out, --watch or inputs\n\n${USAGE}`), 2;
  if (!values.out && values.resume === undefined) return console.error(USAGE), 2;
  if (values['as-of'] !== undefined) {
    const version = Number(values['as-of']);
    if (!Number.isInteger(version) || version < 1) return console.error(`--as-of takes a version number (1, 2, …), got "${values['as-of']}"\n\n${USAGE}`), 2;
    if (!values.lakehouse || !values.out || values.resume !== undefined || positionals.length > 0 || values.watch !== undefined || engineName !== 'native') return console.error(`--as-of exports the lakehouse of --lakehouse DIR with the native engine; it takes no inputs\n\n${USAGE}`), 2;
    return exportAsOf(values.lakehouse, version, values.out);
  }
  if (values.lakehouse !== undefined && values.resume !== undefined) return console.error(`--resume DIR reads the run written to DIR; --lakehouse runs write each batch to their own --out\n\n${USAGE}`), 2;
  if (values.lakehouse !== undefined && engineName !== 'native') return console.error(`--lakehouse keeps a native DuckDB database: use it with --engine native\n\n${USAGE}`), 2;
  if (values.lakehouse !== undefined && values.watch !== undefined) return console.error(`--lakehouse is for runs that each load new files, not for --watch (which loads the whole folder again)\n\n${USAGE}`), 2;
  const port = values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) return console.error(`--metrics-port takes a port number, got "${values['metrics-port']}"\n\n${USAGE}`), 2;
  if (values.watch === undefined && port !== undefined) return console.error(`--metrics-port is for --watch\n\n${USAGE}`), 2;
  if (values.resume === undefined && (values.watch !== undefined ? positionals.length > 0 : positionals.length === 0)) return console.error(USAGE), 2;

  const metrics = new RunMetrics();
  /** After each run: the metrics file and the push; false when the push failed. */
  const publish = async (): Promise<boolean> => {
    if (values.metrics) await writeMetricsFile(metrics, values.metrics);
    if (!values.pushgateway) return true;
    try {
      await pushMetrics(metrics, values.pushgateway);
      return true;
    } catch (error) {
      console.error(`error: could not push the metrics to ${values.pushgateway}: ${(error as Error).message}`);
      return false;
    }
  };
  if (values.resume !== undefined) {
    const { report, ok } = await resumeRun(engineName, values.resume, values.models);
    metrics.record(report, ok);
    const pushed = await publish();
    return ok && pushed ? 0 : 1;
  }
  const out = values.out!;
  if (values.watch !== undefined) {
    return watchFolder(values.watch, {
      port,
      out,
      metrics,
      batch: async () => {
        const { report, ok } = await runBatch(engineName, [values.watch!], out, { modelsDir: values.models });
        metrics.record(report, ok);
        await publish();
      },
    });
  }
  const { report, ok } = await runBatch(engineName, positionals, out, { lakehouseDir: values.lakehouse, modelsDir: values.models });
  metrics.record(report, ok);
  const pushed = await publish();
  return ok && pushed ? 0 : 1;
}

runMain(main);
