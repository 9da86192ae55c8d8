import { CHART_IDS, type ChartId } from '../../lakehouse/dashboard/chartId';
import type { DashboardFilter } from '../../lakehouse/dashboard/dashboardFilter';
import { readUrlState } from '../views/urlState';

/**
 * Where the embed's data comes from: the demo generated in the page, the lakehouse saved in
 * this browser, or an audience's published extract (`audience=…&exp=…&sig=…`, README
 * "Governance"), fetched from this server with the portal's signature.
 */
export type EmbedDataSource = 'demo' | 'saved' | 'extract';

/** What an embed URL asks for (README, "Embedding"). */
export interface EmbedRequest {
  /** `embed=`: only `dashboard` exists. */
  kind: string;
  /** Charts to show, in the order given; all of them when `charts` is absent. */
  charts: ChartId[];
  /** Entries of `charts` that name no chart, as written. */
  unknownCharts: string[];
  /** Gold tables to show as masked grids (`tables=customer_ltv,rfm`), without the `gold.` prefix. */
  tables: string[];
  /** Entries of `tables` that are not a gold table name (another layer, or not a name). */
  rejectedTables: string[];
  data: EmbedDataSource;
  /** For `extract`: the signed part of the URL (audience, exp, sig, p.*), passed to /extract as it is. */
  extractQuery: string;
  /** `filters=show`: the select boxes above the charts (the way to filter by keyboard). */
  showFilters: boolean;
  /** The starting filter: `state`, `category`, `month`, as in the app's links. */
  filter: DashboardFilter;
  /** What is wrong with the URL, for the page to say. */
  problems: string[];
}

/** `revenueByState` → `revenue-by-state`: the form a URL is more likely to carry. */
export const kebabId = (id: ChartId) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const CHART_BY_NAME = new Map<string, ChartId>(CHART_IDS.flatMap((id) => [[id.toLowerCase(), id], [kebabId(id), id]]));

const list = (value: string | null) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** Reads an embed URL's query string. Chart ids are taken as in chartId.ts or in kebab case. */
export function readEmbedRequest(search: string): EmbedRequest {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const kind = params.get('embed') ?? '';
  if (kind !== 'dashboard') problems.push(`Unknown embed "${kind}": use embed=dashboard.`);

  const charts: ChartId[] = [];
  const unknownCharts: string[] = [];
  const named = params.has('charts') ? list(params.get('charts')) : [...CHART_IDS];
  for (const name of named) {
    const id = CHART_BY_NAME.get(name.toLowerCase());
    if (!id) unknownCharts.push(name);
    else if (!charts.includes(id)) charts.push(id);
  }
  if (unknownCharts.length) problems.push(`Unknown chart${unknownCharts.length > 1 ? 's' : ''}: ${unknownCharts.join(', ')}. The charts are: ${CHART_IDS.map(kebabId).join(', ')}.`);

  const tables: string[] = [];
  const rejectedTables: string[] = [];
  for (const name of list(params.get('tables'))) {
    const bare = name.replace(/^gold\./i, '');
    if (/^[a-z_][a-z0-9_]*$/i.test(bare)) tables.push(bare.toLowerCase());
    else rejectedTables.push(name);
  }
  if (rejectedTables.length) problems.push(`Only gold tables can be embedded: ${rejectedTables.join(', ')} ${rejectedTables.length > 1 ? 'are' : 'is'} not a gold table name.`);
  if (charts.length === 0 && tables.length === 0 && !unknownCharts.length) problems.push('Nothing to show: name charts (charts=revenue-by-state,…) or gold tables (tables=customer_ltv).');

  const data = params.get('data');
  if (data !== null && data !== 'demo') problems.push(`Unknown data "${data}": use data=demo, or leave it out to use the lakehouse saved in this browser.`);
  const audience = params.has('audience');
  if (audience && data !== null) problems.push('An audience link shows its published extract: leave data= out.');
  const signed = new URLSearchParams([...params].filter(([name]) => ['audience', 'exp', 'sig'].includes(name) || name.startsWith('p.')));

  const filters = params.get('filters');
  if (filters !== null && filters !== 'show') problems.push(`Unknown filters "${filters}": use filters=show to show the select boxes.`);

  return { kind, charts, unknownCharts, tables, rejectedTables, data: audience ? 'extract' : data === 'demo' ? 'demo' : 'saved', extractQuery: audience ? signed.toString() : '', showFilters: filters === 'show', filter: readUrlState(search).filter, problems };
}
