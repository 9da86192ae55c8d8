import type { RunDetail, RunExpectation, RunModel, RunSummary } from './runTypes';

/** A figure of two runs side by side. */
export interface Compared {
  name: string;
  before: number;
  after: number;
}

export interface ModelComparison {
  name: string;
  layer: string;
  before?: Pick<RunModel, 'status' | 'rows' | 'milliseconds' | 'attempts' | 'inRun'>;
  after?: Pick<RunModel, 'status' | 'rows' | 'milliseconds' | 'attempts' | 'inRun'>;
  /** Its state, rows or tries differ (times always differ a little and are shown, not flagged). */
  changed: boolean;
}

export interface ExpectationComparison {
  model: string;
  name: string;
  severity: RunExpectation['severity'];
  before?: Pick<RunExpectation, 'status' | 'failing'>;
  after?: Pick<RunExpectation, 'status' | 'failing'>;
}

/** What changed from run `before` to run `after`. */
export interface RunComparison {
  before: RunSummary;
  after: RunSummary;
  totals: Compared[];
  layers: Compared[];
  models: ModelComparison[];
  /** Only the expectations whose status or failing rows changed, or that one run lacks. */
  expectations: ExpectationComparison[];
}

const TOTALS: [string, (r: RunSummary) => number][] = [
  ['Duration (ms)', (r) => r.milliseconds],
  ['Rows loaded', (r) => r.rowsLoaded],
  ['Rows built', (r) => r.rowsBuilt],
  ['Quarantined rows', (r) => r.quarantinedRows],
  ['Expectations passing', (r) => r.expectationsPass],
  ['Warnings', (r) => r.expectationsWarn],
  ['Errors', (r) => r.expectationsFail],
  ['Models failed', (r) => r.modelsFailed],
  ['Models retried', (r) => r.modelsRetried],
];

export function compareRuns(before: RunDetail, after: RunDetail): RunComparison {
  const layerRows = (d: RunDetail) => {
    const m = new Map<string, number>();
    for (const t of d.tables) m.set(t.layer, (m.get(t.layer) ?? 0) + t.rows);
    return m;
  };
  const lb = layerRows(before);
  const la = layerRows(after);
  const layers = [...new Set([...lb.keys(), ...la.keys()])].map((name) => ({ name, before: lb.get(name) ?? 0, after: la.get(name) ?? 0 }));

  const pick = (m: RunModel | undefined) => m && { status: m.status, rows: m.rows, milliseconds: m.milliseconds, attempts: m.attempts, inRun: m.inRun };
  const mb = new Map(before.models.map((m) => [m.name, m]));
  const ma = new Map(after.models.map((m) => [m.name, m]));
  const names = [...new Set([...after.models.map((m) => m.name), ...before.models.map((m) => m.name)])];
  const models = names.map((name): ModelComparison => {
    const b = mb.get(name);
    const a = ma.get(name);
    // A model an incremental run left as it was (0 attempts: not built, nothing it reads
    // changed) did not change by that alone; its tries count only when both runs built it.
    const changed = !a || !b || a.status !== b.status || a.rows !== b.rows || (a.attempts > 0 && b.attempts > 0 && a.attempts !== b.attempts);
    return { name, layer: (a ?? b)!.layer, ...(b && { before: pick(b) }), ...(a && { after: pick(a) }), changed };
  });

  const key = (e: RunExpectation) => `${e.model}\u0000${e.name}`;
  const eb = new Map(before.expectations.map((e) => [key(e), e]));
  const ea = new Map(after.expectations.map((e) => [key(e), e]));
  const expectations: ExpectationComparison[] = [];
  for (const k of new Set([...ea.keys(), ...eb.keys()])) {
    const b = eb.get(k);
    const a = ea.get(k);
    if (a && b && a.status === b.status && a.failing === b.failing) continue;
    const e = (a ?? b)!;
    expectations.push({ model: e.model, name: e.name, severity: e.severity, ...(b && { before: { status: b.status, failing: b.failing } }), ...(a && { after: { status: a.status, failing: a.failing } }) });
  }
  return {
    before: before.run,
    after: after.run,
    totals: TOTALS.map(([name, value]) => ({ name, before: value(before.run), after: value(after.run) })),
    layers,
    models,
    expectations,
  };
}
