// The county outlines the dashboard's maps draw: only the state whose counties the warehouse's county
// values name (core/charts/county-geography.ts decides which), from us-atlas (Census Bureau
// cartographic boundaries, 1:10,000,000). Sending one state instead of every US county keeps the
// map's download at a few kB instead of ~850 kB. Public geography only: never a count or a person.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { placeCounties, type CountyFeature } from '../../core/charts/county-geography.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { dimensionValues, type FactOptions } from '../../core/warehouse/warehouse-facts.ts';

export interface CountyOutlines {
  type: 'FeatureCollection';
  /** 2-digit state FIPS code; null when no county value names a county of any state. */
  stateFips: string | null;
  /** Every county of that state, `id` its 5-digit FIPS code, in FIPS order. */
  features: CountyFeature[];
}

let everyCounty: CountyFeature[] | undefined;
const byCounties = new Map<string, CountyOutlines>();

/** Every US county's outline, read and converted once, on first use. */
function allCounties(): CountyFeature[] {
  if (!everyCounty) {
    const file = createRequire(import.meta.url).resolve('us-atlas/counties-10m.json');
    const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ counties: GeometryCollection<{ name: string }> }>;
    everyCounty = feature(topology, topology.objects.counties).features.map((county) => ({ ...county, id: String(county.id) })) as CountyFeature[];
  }
  return everyCounty;
}

/** The outlines of the state the county names belong to; one object per list of names (a warehouse's). */
export function countyOutlines(countyNames: readonly string[]): CountyOutlines {
  const key = countyNames.join('\n');
  let outlines = byCounties.get(key);
  if (!outlines) {
    const { stateFips, stateCounties } = placeCounties(allCounties(), countyNames);
    outlines = { type: 'FeatureCollection', stateFips, features: stateCounties };
    byCounties.set(key, outlines);
  }
  return outlines;
}

/** The outlines of the counties the warehouse lists, as `dimensionValues` lists them for these options (a caller's restriction, exact or protected). */
export async function listedCountyOutlines(db: Database, options: FactOptions): Promise<CountyOutlines> {
  return countyOutlines((await dimensionValues(db, options)).county);
}
