import { stat } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import { watch } from 'chokidar';
import { serveMetrics } from '../metrics/metricsServer';
import type { RunMetrics } from '../metrics/runMetrics';

export interface WatchOptions {
  /** Runs one batch over the folder; called again only after it has finished. */
  batch: () => Promise<void>;
  metrics: RunMetrics;
  /** Serve /metrics here (0: any free port) while watching. */
  port?: number;
  /** Where the outputs go: never watched, even inside the folder. */
  out?: string;
  /** How long a file's size must stay the same before it is read (ms). */
  stableMs?: number;
  /** Changes this close together make one batch (ms). */
  settleMs?: number;
}

/**
 * Watch mode: chokidar reports new and changed files; each is read only once its size has
 * stopped changing for `stableMs` (chokidar's awaitWriteFinish) and its size and mtime are
 * still what chokidar saw (else the next change event brings it back). Files that settle
 * together make one batch; a batch never overlaps another. SIGINT or SIGTERM stops the
 * watch after the running batch, and the process exits 0.
 */
export async function watchFolder(folder: string, options: WatchOptions): Promise<number> {
  const root = resolve(folder);
  const out = options.out ? resolve(options.out) : undefined;
  const stableMs = options.stableMs ?? Number(process.env.LAKEHOUSE_WATCH_STABLE_MS ?? 2000);
  const settleMs = options.settleMs ?? 300;
  const served = options.port === undefined ? undefined : await serveMetrics(options.metrics, options.port);
  if (served) console.log(`serving metrics at ${served.url}`);

  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopping = false;
  let batches = 0;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending];
      pending = new Set();
      running = running.then(async () => {
        if (stopping) return;
        batches += 1;
        console.log(`batch ${batches}: ${files.length} new or changed file${files.length === 1 ? '' : 's'} (${files.map((f) => basename(f)).join(', ')})`);
        try {
          await options.batch();
        } catch (error) {
          console.error(`error: batch ${batches} failed: ${(error as Error).message}`);
        }
        console.log(`batch ${batches} done; watching ${folder}`);
      });
    }, settleMs);
  };

  const watcher = watch(root, {
    ignored: (path) => basename(path).startsWith('.') && path !== root || (out !== undefined && (path === out || path.startsWith(out + sep))),
    awaitWriteFinish: { stabilityThreshold: stableMs, pollInterval: Math.min(100, stableMs / 4) },
  });
  const seen = async (path: string, stats?: { size: number; mtimeMs: number }) => {
    const now = await stat(path).catch(() => undefined);
    // Changed again since chokidar judged it stable: its next change event brings it back.
    if (!now || (stats && (now.size !== stats.size || now.mtimeMs !== stats.mtimeMs))) return;
    pending.add(path);
    schedule();
  };
  watcher.on('add', seen).on('change', seen).on('error', (error) => console.error(`error: watching ${folder}: ${(error as Error).message}`));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  console.log(`watching ${folder} (a file is read once its size and modification time have held for ${stableMs} ms); Ctrl-C stops`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`${signal}: stopping after the running batch`);
      stopping = true;
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  clearTimeout(timer);
  await watcher.close();
  await running;
  if (served) await new Promise((resolve) => served.server.close(resolve));
  console.log(`stopped after ${batches} batch${batches === 1 ? '' : 'es'}`);
  return 0;
}
