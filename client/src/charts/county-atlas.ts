// The county outlines of us-atlas (Census Bureau cartographic boundaries, 1:10,000,000) as GeoJSON.
// Only the lazily loaded map imports this module: the TopoJSON is ~800 kB and must stay out of the
// main bundle.
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import counties from 'us-atlas/counties-10m.json';
import type { CountyFeature } from '../../../core/charts/county-geography.ts';

const topology = counties as unknown as Topology<{ counties: GeometryCollection<{ name: string }> }>;

let cache: CountyFeature[] | undefined;

/** Every US county (and county equivalent), `id` its 5-digit FIPS code; converted once, on first use. */
export function countyFeatures(): CountyFeature[] {
  cache ??= feature(topology, topology.objects.counties).features.map((county) => ({
    ...county,
    id: String(county.id),
  })) as CountyFeature[];
  return cache;
}
