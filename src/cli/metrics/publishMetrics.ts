import { rename, writeFile } from 'node:fs/promises';
import { Pushgateway } from 'prom-client';
import type { RunMetrics } from './runMetrics';

/** The Pushgateway job the CLI pushes as; one group, replaced by each push. */
export const PUSH_JOB = 'pocket_lakehouse';

/**
 * Writes the metrics for node_exporter's textfile collector: to a temporary file in the
 * same folder, then renamed over FILE, so that the collector never reads half a file.
 */
export async function writeMetricsFile(metrics: RunMetrics, path: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, await metrics.text());
  await rename(temporary, path);
}

/** Pushes the metrics to a Pushgateway, replacing what this job pushed before. */
export async function pushMetrics(metrics: RunMetrics, url: string): Promise<void> {
  const gateway = new Pushgateway(url, { timeout: 10_000 }, metrics.registry);
  const { resp } = await gateway.push({ jobName: PUSH_JOB });
  const status = (resp as { statusCode?: number } | undefined)?.statusCode;
  if (status !== undefined && (status < 200 || status >= 300)) throw new Error(`the Pushgateway at ${url} answered ${status}`);
}
