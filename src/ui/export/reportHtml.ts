import type { ReportNumber } from '../../lakehouse/export/reportNumbers';
import type { IngestReport } from '../../ingest/loadFiles';
import type { TableInfo } from '../../lakehouse/tableInfo';
import type { PipelineRun } from '../../pipeline/runner';
import { escapeHtml as e } from '../../report/escapeHtml';
import { reportHead } from '../../report/reportHead';

export interface ReportChart {
  title: string;
  description: string;
  /** The chart as SVG markup, rendered by Vega (which escapes its text). */
  svg: string;
}

export interface ReportInput {
  generatedAt: Date;
  engine: string;
  numbers: ReportNumber[];
  charts: ReportChart[];
  tables: TableInfo[];
  ingest: IngestReport;
  pipeline?: PipelineRun;
  /** The prediction models' card (Markdown), when models have been trained. */
  modelCard?: string;
}

/**
 * The dashboard as one self-contained HTML file: inline CSS, charts as inline SVG, no
 * script and no reference to anything outside the file. Its Content-Security-Policy
 * forbids scripts and every request, so even a value that slipped through could neither
 * run nor call home; every value from the data is escaped as text regardless.
 */
export function reportHtml(input: ReportInput): string {
  const { pipeline, ingest } = input;
  const failed = pipeline?.expectations.filter((x) => x.status === 'fail' || x.status === 'error') ?? [];
  return `${reportHead(`Pocket Lakehouse report · ${date(input.generatedAt)}`)}
<header><h1>Pocket Lakehouse report</h1><p>Generated ${e(date(input.generatedAt))} · ${e(input.engine)}</p></header>
<main>
<section aria-labelledby="numbers"><h2 id="numbers">Key numbers</h2>
<dl class="numbers">${input.numbers.map((n) => `<div><dt>${e(n.label)}</dt><dd>${e(formatNumber(n))}</dd></div>`).join('')}</dl>
</section>
<section aria-labelledby="charts"><h2 id="charts">Charts</h2>
<div class="charts">${input.charts.map((c) => `<figure role="group" aria-label="${e(c.title)}"><figcaption><strong>${e(c.title)}</strong><br>${e(c.description)}</figcaption>${inertSvg(c.svg)}</figure>`).join('\n')}</div>
</section>
<section aria-labelledby="quality"><h2 id="quality">Data quality</h2>
${
  pipeline
    ? `<p>${pipeline.expectations.length - failed.length} of ${pipeline.expectations.length} expectations passed${failed.length ? `; ${failed.length} did not` : ''}. ${pipeline.models.filter((m) => m.status === 'success').length} of ${pipeline.models.length} models built in ${e(Math.round(pipeline.milliseconds))} ms.</p>
${failed.length ? `<h3>Expectations that did not pass</h3>\n${expectationTable(failed)}` : ''}
<details><summary>All ${pipeline.expectations.length} expectations</summary>
${expectationTable(pipeline.expectations)}
</details>`
    : '<p>The pipeline has not run: there are no expectation results.</p>'
}
</section>
${
  input.modelCard
    ? `<section aria-labelledby="predictions"><h2 id="predictions">Predictions: model card</h2>
<pre class="model-card">${e(input.modelCard)}</pre>
</section>
`
    : ''
}<section aria-labelledby="run"><h2 id="run">Run summary</h2>
<p>${ingest.sources.length} source table${ingest.sources.length === 1 ? '' : 's'} loaded from ${new Set(ingest.sources.map((s) => s.file)).size} file(s) in ${e(Math.round(ingest.milliseconds))} ms${ingest.errors.length ? `; ${ingest.errors.length} could not be loaded` : ''}.</p>
<table><thead><tr><th scope="col">File</th><th scope="col">Table</th><th scope="col">Format</th><th scope="col">Rows</th><th scope="col">Quarantined</th></tr></thead><tbody>
${ingest.sources.map((s) => `<tr><td>${e(s.file)}</td><td>${e(s.table)}</td><td>${e(s.format)}</td><td class="n">${e(count(s.rows))}</td><td class="n">${e(count(s.quarantined))}</td></tr>`).join('\n')}
${ingest.errors.map((x) => `<tr class="bad"><td>${e(x.file)}</td><td colspan="4">${e(x.message)}</td></tr>`).join('\n')}
</tbody></table>
<details><summary>All ${input.tables.length} tables</summary>
<table><thead><tr><th scope="col">Table</th><th scope="col">Rows</th><th scope="col">Columns</th></tr></thead><tbody>
${input.tables.map((t) => `<tr><td>${e(`${t.layer}.${t.name}`)}</td><td class="n">${e(count(t.rows))}</td><td class="n">${t.columns.length}</td></tr>`).join('\n')}
</tbody></table>
</details>
</section>
</main>
</body>
</html>
`;
}

/**
 * Vega's SVG escapes every text and attribute it writes; this refuses anything that could
 * still be active (script, foreignObject, event handlers, links) rather than trust it blindly.
 */
export function inertSvg(svg: string): string {
  const trimmed = svg.trim();
  // Vega escapes " inside attribute values and < > everywhere, so with the quoted values
  // blanked out, what is left between < and > is tag and attribute names only.
  const tags = trimmed.replace(/"[^"]*"/g, '""');
  if (!trimmed.startsWith('<svg') || /<(script|foreignObject|iframe|object|embed|image|use|a)\b/i.test(tags) || /<[^>]*\s(on\w+|(xlink:)?href|src)\s*=/i.test(tags)) {
    return '<p class="bad">This chart could not be included safely.</p>';
  }
  return trimmed;
}

function expectationTable(rows: PipelineRun['expectations']): string {
  return `<table><thead><tr><th scope="col">Model</th><th scope="col">Expectation</th><th scope="col">Severity</th><th scope="col">Status</th><th scope="col">Failing rows</th></tr></thead><tbody>
${rows.map((x) => `<tr class="${x.status === 'pass' ? '' : 'bad'}"><td>${e(x.model)}</td><td>${e(x.name)}</td><td>${e(x.severity)}</td><td>${e(x.status)}</td><td class="n">${e(x.failing ?? '')}</td></tr>`).join('\n')}
</tbody></table>`;
}

const date = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
const count = (n: number) => n.toLocaleString('en-US');

export function formatNumber(n: ReportNumber): string {
  if (n.value === null || !Number.isFinite(n.value)) return '—';
  switch (n.kind) {
    case 'money':
      return n.value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'count':
      return count(Math.round(n.value));
    case 'percent':
      return `${(n.value * 100).toFixed(1)} %`;
    case 'days':
      return `${n.value.toFixed(1)} days`;
  }
}
