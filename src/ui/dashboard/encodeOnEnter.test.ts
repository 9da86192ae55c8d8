import { parse, View, type Item, type Scene } from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { encodeOnEnter } from './encodeOnEnter';
import { ROWS, SELECTED } from './specs/chartBase';
import { revenueByStateSpec } from './specs/revenueByState';

/** The bars' items (role "mark" under the top group) of a headless view. */
function bars(view: View): Item[] {
  const found: Item[] = [];
  const visit = (scene: Scene | Item) => {
    const s = scene as unknown as { marktype?: string; items?: unknown[] };
    if (s.marktype === 'rect' && (s as { role?: string }).role === 'mark') found.push(...(s.items as Item[]));
    for (const child of s.items ?? []) visit(child as Item);
  };
  visit((view.scenegraph() as unknown as { root: Scene }).root);
  return found;
}

const row = (state: string, revenue: number) => ({ customer_state: state, revenue, orders: 2, customers: 1, _key: state });

describe('encodeOnEnter', () => {
  const vega = encodeOnEnter(compile(revenueByStateSpec).spec);

  it('moves the tooltip and description of every mark from update to enter', () => {
    const json = JSON.stringify(vega.marks);
    expect(json).toMatch(/"enter":\{[^}]*"tooltip"/);
    const updates = JSON.stringify((vega.marks ?? []).map((m) => m.encode?.update));
    expect(updates).not.toContain('"tooltip"');
    expect(updates).not.toContain('"description"');
  });

  it('still gives each drawn row its own tooltip and description, after new rows and a new selection', async () => {
    const view = new View(parse(vega), { renderer: 'none' });
    await view.data(ROWS, [row('SP', 100), row('RJ', 50)]).runAsync();
    await view.signal(SELECTED, 'RJ').runAsync();
    await view.data(ROWS, [row('MG', 70.5)]).runAsync();
    const [bar, ...others] = bars(view);
    expect(others).toEqual([]);
    expect(bar!.datum).toMatchObject({ customer_state: 'MG' });
    expect((bar as unknown as { tooltip: Record<string, string> }).tooltip).toMatchObject({ State: 'MG', 'Revenue (R$)': '70.50' });
    expect((bar as unknown as { description: string }).description).toContain('MG');
    view.finalize();
  });
});
