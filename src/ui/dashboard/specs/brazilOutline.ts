import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-110m.json';

/** ISO 3166-1 numeric code of Brazil, the id world-atlas gives its country. */
const BRAZIL = '076';

/**
 * Brazil's outline as a GeoJSON feature, from Natural Earth's 1:110m countries in the
 * `world-atlas` package (bundled: no network). Coarse, and enough under a 300 px map.
 * No maintained npm package ships Brazil's states as geographic TopoJSON/GeoJSON with a
 * clear licence, so the states are not drawn.
 */
export function brazilOutline() {
  const topology = countries as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topology, topology.objects.countries);
  const brazil = all.features.find((f) => f.id === BRAZIL);
  if (!brazil) throw new Error('world-atlas has no Brazil (id 076)');
  return brazil;
}
