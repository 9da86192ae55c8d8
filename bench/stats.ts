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
