import { decodeDashboard } from '../dashboard/decodeDashboard';
import { CHARTS } from '../dashboard/chartCatalog';
import { CHART_IDS } from '../../lakehouse/dashboard/chartId';
import type { LakehouseClient } from '../client/lakehouseClient';
import { chartSvg } from './chartSvg';
import { reportHtml, type ReportChart } from './reportHtml';

/**
 * The HTML report of the whole lakehouse (no filter): the eight dashboard charts rendered
 * to SVG here, in the page, where Vega lives; the numbers, reports and tables from the worker.
 */
export async function buildReport(client: LakehouseClient): Promise<string> {
  const data = decodeDashboard(await client.dashboard({}, [...CHART_IDS]));
  const charts: ReportChart[] = [];
  for (const definition of CHARTS) {
    const result = data.get(definition.id);
    if (result) charts.push({ title: definition.title, description: definition.description, svg: await chartSvg(definition.spec, result.rows) });
  }
  // start() only reports the engine here: it is already running.
  const [numbers, session, tables, info, predictions] = await Promise.all([client.reportNumbers(), client.session(), client.tables(), client.start(), client.predictions()]);
  const engine = `DuckDB ${info.version} (${info.kind}${info.bundle ? ` ${info.bundle}` : ''})`;
  return reportHtml({ generatedAt: new Date(), engine, numbers, charts, tables, ingest: session.ingest, pipeline: session.pipeline, modelCard: predictions?.modelCard });
}
