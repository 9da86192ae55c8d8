import type { Engine } from '../../engine/interface';
import { qualified, quoteIdent } from '../../engine/sql';
import { escapeHtml as e } from '../../report/escapeHtml';
import { reportHead } from '../../report/reportHead';
import { CHART_IDS } from '../dashboard/chartId';
import { chartQuery } from '../dashboard/dashboardCharts';
import type { ExtractTable } from './buildExtract';
import type { ExtractManifest } from './extractManifest';

/** Inside every extract's zip: the audience's report, for e-mail. */
export const REPORT_FILE = 'report.html';
/** Rows of each published table written into the report. */
export const REPORT_TABLE_ROWS = 200;
const CHART_ROWS = 60;

/**
 * Replaces the engine's silver, gold and dashboard schemas by exactly the extract: each
 * published table as its masked query, nothing else. The report is then built from what
 * the audience receives, never from the rows before masking or from tables left out.
 */
export async function keepOnlyExtract(engine: Engine, tables: ExtractTable[]): Promise<void> {
  await engine.exec('DROP SCHEMA IF EXISTS extract_copy CASCADE; CREATE SCHEMA extract_copy');
  for (const [i, t] of tables.entries()) await engine.exec(`CREATE TABLE extract_copy.t${i} AS ${t.sql}`);
  await engine.exec(['silver', 'gold', 'dashboard'].map((s) => `DROP SCHEMA IF EXISTS ${s} CASCADE; CREATE SCHEMA ${s}`).join('; '));
  for (const [i, t] of tables.entries()) await engine.exec(`CREATE TABLE ${qualified(t.schema, t.name)} AS SELECT * FROM extract_copy.t${i}`);
  await engine.exec('DROP SCHEMA extract_copy CASCADE');
}

type Row = Record<string, unknown>;
const rowsOf = async (engine: Engine, sql: string): Promise<Row[]> => (await engine.query(sql)).toArray().map((r) => r.toJSON() as Row);

/**
 * The audience's HTML report (call keepOnlyExtract first): headline totals summed from the
 * charts of its own rows, every chart's data, and each published table (masked), with the
 * same self-contained, script-free page as the whole-lakehouse report (reportHtml.ts).
 */
export async function extractReportHtml(engine: Engine, manifest: ExtractManifest): Promise<string> {
  const hasDashboard = manifest.tables.some((t) => t.schema === 'dashboard');
  const charts: { id: string; rows: Row[] }[] = [];
  if (hasDashboard) for (const id of CHART_IDS) charts.push({ id, rows: await rowsOf(engine, chartQuery(id, {})) });
  const byState = charts.find((c) => c.id === 'revenueByState')?.rows ?? [];
  const sum = (column: string) => byState.reduce((n, r) => n + Number(r[column] ?? 0), 0);
  const numbers: [string, string][] = hasDashboard
    ? [
        ['Revenue (items plus freight)', money(sum('revenue'))],
        ['Revenue-bearing orders', count(sum('orders'))],
        ['Average order value', sum('orders') ? money(sum('revenue') / sum('orders')) : '—'],
      ]
    : [];
  const tables: string[] = [];
  for (const t of manifest.tables.filter((t) => t.schema !== 'dashboard')) {
    const columns = t.columns.map((c) => c.name);
    const rows = await rowsOf(engine, `SELECT ${columns.map((c) => `${quoteIdent(c)}::VARCHAR AS ${quoteIdent(c)}`).join(', ')} FROM ${qualified(t.schema, t.name)} ORDER BY ALL LIMIT ${REPORT_TABLE_ROWS}`);
    tables.push(`<h3>${e(`${t.schema}.${t.name}`)}</h3>
<p>${t.rows <= REPORT_TABLE_ROWS ? `All ${count(t.rows)} rows` : `The first ${REPORT_TABLE_ROWS} of ${count(t.rows)} rows`}. ${t.columns.filter((c) => c.access !== 'clear').map((c) => `${e(c.name)}: ${e(c.access)}`).join(', ') || 'No column masked'}.</p>
${dataTable(columns, rows)}`);
  }
  const parameters = Object.entries(manifest.parameters).map(([k, v]) => `${k} = ${v}`).join(', ');
  return `${reportHead(`Pocket Lakehouse report · ${manifest.audience}`)}
<header><h1>Pocket Lakehouse report · ${e(manifest.audience)}${parameters ? ` (${e(parameters)})` : ''}</h1><p>Published ${e(manifest.publishedAt.slice(0, 16).replace('T', ' '))} UTC · policy version ${e(manifest.policyVersion)} · only the rows and columns this audience may see</p></header>
<main>
${numbers.length ? `<section aria-labelledby="numbers"><h2 id="numbers">Key numbers</h2>\n<dl class="numbers">${numbers.map(([label, value]) => `<div><dt>${e(label)}</dt><dd>${e(value)}</dd></div>`).join('')}</dl>\n</section>` : ''}
${charts.length ? `<section aria-labelledby="charts"><h2 id="charts">Charts</h2>\n${(await Promise.all(charts.map(chartFigure))).join('\n')}\n</section>` : ''}
<section aria-labelledby="tables"><h2 id="tables">Tables</h2>
${tables.join('\n') || '<p>No table is published to this audience.</p>'}
</section>
</main>
</body>
</html>
`;
}

/**
 * One chart as the dashboard draws it (SVG by Vega, as the whole-lakehouse report does,
 * loaded only when a report is built) above its rows, which the tests read.
 */
async function chartFigure({ id, rows }: { id: string; rows: Row[] }): Promise<string> {
  const [{ chartSvg }, { CHARTS }, { inertSvg }, { KEY }] = await Promise.all([import('../../ui/export/chartSvg'), import('../../ui/dashboard/chartCatalog'), import('../../ui/export/reportHtml'), import('../../ui/dashboard/specs/chartBase')]);
  const definition = CHARTS.find((c) => c.id === id);
  let svg = '';
  if (definition && rows.length) {
    const column = definition.filterBy?.column;
    svg = inertSvg(await chartSvg(definition.spec, rows.map((r) => ({ ...r, ...(column ? { [KEY]: r[column] ?? null } : {}) })) as never));
  }
  return `<figure role="group" aria-label="${e(definition?.title ?? id)}"><figcaption><strong>${e(definition?.title ?? id)}</strong>${definition ? `<br>${e(definition.description)}` : ''}</figcaption>${svg}</figure>
<h3>${e(id)}</h3>
${dataTable(Object.keys(rows[0] ?? {}), rows.slice(0, CHART_ROWS))}`;
}

function dataTable(columns: string[], rows: Row[]): string {
  if (!rows.length) return '<p>No rows.</p>';
  return `<table><thead><tr>${columns.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead><tbody>
${rows.map((r) => `<tr>${columns.map((c) => `<td>${e(cell(r[c]))}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`;
}

const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = (n: number) => Math.round(n).toLocaleString('en-US');
