import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';

/**
 * The peak resident memory of Chromium's renderer processes, where the page, its workers
 * and DuckDB-WASM's memory live (Linux only: /proc). resetPeak() sets each process's peak
 * (VmHWM) to its current size, so peakBytes() afterwards is the peak since then.
 */
export class RendererMemory {
  private constructor(private readonly pids: number[]) {}

  static async of(browser: Browser): Promise<RendererMemory | undefined> {
    if (process.platform !== 'linux') return undefined;
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    await cdp.detach();
    return new RendererMemory(processInfo.filter((p) => p.type === 'renderer').map((p) => p.id));
  }

  resetPeak(): void {
    for (const pid of this.pids) writeFileSync(`/proc/${pid}/clear_refs`, '5');
  }

  /** The sum of the renderers' peaks (an upper bound of their summed peak), bytes. */
  peakBytes(): number {
    return this.pids.reduce((n, pid) => n + statusKb(pid, 'VmHWM'), 0) * 1024;
  }
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // a renderer that has gone
  }
}
