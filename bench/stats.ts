export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Measurement {
  name: string;
  runs: number[];
}

/** A table of medians with each one's ratio to the baseline measured in the same run. */
export function formatTable(rows: Measurement[], baseline: string): string {
  const base = median(rows.find((r) => r.name === baseline)!.runs);
  const lines = ['| engine | median ms | min | max | ratio vs ' + baseline + ' |', '|---|---:|---:|---:|---:|'];
  for (const r of rows) {
    const m = median(r.runs);
    lines.push(`| ${r.name} | ${Math.round(m)} | ${Math.round(Math.min(...r.runs))} | ${Math.round(Math.max(...r.runs))} | ${(m / base).toFixed(2)}× |`);
  }
  return lines.join('\n');
}

/** The q-quantile (0..1) by the nearest rank, as p95 is usually reported. */
export function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
