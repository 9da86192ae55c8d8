import { describe, expect, it } from 'vitest';
import { emptyIngestReport } from '../../ingest/loadFiles';
import { revenueByCategorySpec } from '../dashboard/specs/revenueByCategory';
import { chartSvg } from './chartSvg';
import { inertSvg, reportHtml } from './reportHtml';

const EVIL = `<img src=x onerror=alert(1)><script>alert(2)</script>"'&`;

describe('reportHtml', () => {
  it('renders a chart from its dashboard spec with data values escaped as SVG text', async () => {
    const rows = [
      { category: EVIL, label: EVIL, revenue: 1200.5, orders: 10, items: 12, share: 0.6, is_other: false, _key: EVIL },
      { category: 'toys', label: 'toys', revenue: 800, orders: 8, items: 9, share: 0.4, is_other: false, _key: 'toys' },
    ];
    const svg = await chartSvg(revenueByCategorySpec, rows);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('toys');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).not.toMatch(/<img|<script/);
    expect(inertSvg(svg)).toBe(svg);
  });

  it('escapes every value from the data and forbids scripts and requests', () => {
    const ingest = emptyIngestReport();
    ingest.sources.push({ file: EVIL, table: 'bronze.x', format: 'csv', source: 'x', recognised: false, rows: 3, quarantined: 0, milliseconds: 1, samples: [] } as unknown as (typeof ingest.sources)[number]);
    const html = reportHtml({
      generatedAt: new Date('2026-01-02T03:04:05Z'),
      engine: 'DuckDB v1.4.3',
      numbers: [{ label: EVIL, value: 1234.5, kind: 'money' }],
      charts: [{ title: EVIL, description: EVIL, svg: '<svg xmlns="http://www.w3.org/2000/svg"><text>ok</text></svg>' }],
      tables: [{ layer: 'gold', name: EVIL, rows: 2, columns: [] }],
      ingest,
      pipeline: { ok: false, milliseconds: 5, models: [], expectations: [{ model: EVIL, name: EVIL, kind: 'sql', severity: 'error', status: 'fail', failing: 3, samples: [], sql: '' }] },
    });
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;&#60;script&#62;alert(2)&#60;/script&#62;&#34;&#39;&#38;');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toContain('1,234.50');
    expect(html).toContain('0 of 1 expectations passed; 1 did not');
    // Nothing that would fetch: no src, no link, no url(), no http.
    const tags = html.replace(/"[^"]*"/g, '""');
    expect(tags).not.toMatch(/<[a-z][^>]*\s(src|href)=|<link|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
  });

  it('carries the model card, escaped, only when models have been trained', () => {
    const base = { generatedAt: new Date('2026-01-02T03:04:05Z'), engine: 'DuckDB', numbers: [], charts: [], tables: [], ingest: emptyIngestReport() };
    expect(reportHtml(base)).not.toContain('model card');
    const html = reportHtml({ ...base, modelCard: `# Model card: predictions on gold\n\n| model | 2.15 |\n${EVIL}` });
    expect(html).toContain('<h2 id="predictions">Predictions: model card</h2>');
    expect(html).toContain('# Model card: predictions on gold');
    expect(html).toContain('| model | 2.15 |');
    expect(html).not.toContain('<img');
  });

  it('refuses SVG that could be active', () => {
    for (const bad of ['<svg><script>alert(1)</script></svg>', '<svg><g onclick="x()"/></svg>', '<svg><foreignObject/></svg>', '<svg><a href="https://e.example">x</a></svg>', '<div>not svg</div>']) {
      expect(inertSvg(bad)).toContain('could not be included safely');
    }
  });
});
