import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { brazilOutline } from './brazilOutline';
import { fitToOutline, revenueByLocationSpec } from './revenueByLocation';

describe('brazilOutline', () => {
  it("is Brazil: its name, and bounds on Brazil's extremes", () => {
    const brazil = brazilOutline();
    expect(brazil.properties).toMatchObject({ name: 'Brazil' });
    const points = JSON.stringify(brazil.geometry.type === 'Polygon' ? brazil.geometry.coordinates : (brazil.geometry as { coordinates: unknown }).coordinates)
      .match(/-?[\d.]+,-?[\d.]+/g)!
      .map((pair) => pair.split(',').map(Number) as [number, number]);
    const [west, east] = [Math.min(...points.map((p) => p[0])), Math.max(...points.map((p) => p[0]))];
    const [south, north] = [Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[1]))];
    // Brazil spans about 73.99° W – 34.79° W and 33.75° S – 5.27° N (coarse at 1:110m).
    expect(west).toBeGreaterThan(-75);
    expect(west).toBeLessThan(-72);
    expect(east).toBeGreaterThan(-36);
    expect(south).toBeLessThan(-32);
    expect(north).toBeGreaterThan(4);
  });

  it('is drawn under the location points as a decorative geoshape, the points keeping their labels', () => {
    const vega = compile(revenueByLocationSpec).spec;
    const marks = JSON.stringify(vega.marks);
    expect(marks).toContain('"type":"shape"');
    expect(marks).toContain('"aria":false');
    const types = (vega.marks ?? []).map((m) => m.type);
    // The outline first, so the points are drawn on top.
    expect(types.indexOf('shape')).toBeLessThan(types.indexOf('symbol'));
  });

  it("fits the map's projection to the outline only, so new rows do not move it (nor re-project the outline)", () => {
    const vega = compile(revenueByLocationSpec).spec;
    // Vega-Lite's own fit includes the points' geojson, which changes with every filter.
    expect(JSON.stringify(vega.projections)).toContain('geojson');
    const patched = fitToOutline(vega);
    const outline = patched.data!.find((d) => 'values' in d && d.values !== undefined)!;
    expect((outline as { values: unknown[] }).values).toEqual([brazilOutline()]);
    expect(patched.projections!.map((p) => p.fit)).toEqual([{ signal: `data("${outline.name}")` }]);
    expect(JSON.stringify(patched.marks)).toContain('"clip":true');
  });
});
