// Places the API's county names ("Middlesex County") on us-atlas county shapes ("Middlesex", id
// "25017"). The API sends names, not FIPS codes, and names repeat across states (four states have a
// Middlesex), so the state is the one whose counties the data name best. Pure: no fetch, no DOM.
import type { Feature, MultiPolygon, Polygon } from 'geojson';

/** A county outline as us-atlas has it: `id` is the 5-digit FIPS code, `properties.name` the bare name. */
export type CountyFeature = Feature<Polygon | MultiPolygon, { name: string }> & { id: string };

export interface CountyPlacement {
  /** 2-digit state FIPS code, or null when no name matched any county. */
  stateFips: string | null;
  /** Every county of that state, in FIPS order: the map draws them all, with or without data. */
  stateCounties: CountyFeature[];
  /** API county name → its outline. */
  placed: Map<string, CountyFeature>;
  /** API names that are no county of the state (another state's county, "Unknown"). */
  unplaced: string[];
}

// The Census legal/statistical area descriptions that us-atlas leaves out of `properties.name`.
const DESCRIPTION = /\s+(county|parish|borough|census area|city and borough|municipality|municipio)$/;

/** "Middlesex County" and "Middlesex" → "middlesex"; "Doña Ana County" → "dona ana". */
export function countyKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(DESCRIPTION, '');
}

/**
 * Picks the state with the most of `names` among its counties; on a tie, the state whose counties
 * the data cover best (a single "Middlesex County" is as likely any of four states, but fourteen MA
 * names are only Massachusetts). `stateFips` skips the guess.
 */
export function placeCounties(
  features: readonly CountyFeature[],
  names: readonly string[],
  stateFips?: string,
): CountyPlacement {
  const states = new Map<string, Map<string, CountyFeature>>();
  for (const feature of features) {
    const state = feature.id.slice(0, 2);
    const counties = states.get(state) ?? new Map<string, CountyFeature>();
    const key = countyKey(feature.properties.name);
    if (!counties.has(key)) counties.set(key, feature);
    states.set(state, counties);
  }
  const keys = [...new Set(names.map(countyKey))];

  let best: { state: string; matches: number; coverage: number } | null = null;
  for (const [state, counties] of states) {
    if (stateFips !== undefined && state !== stateFips) continue;
    const matches = keys.filter((key) => counties.has(key)).length;
    const coverage = matches / counties.size;
    if (matches === 0 && stateFips === undefined) continue;
    if (!best || matches > best.matches || (matches === best.matches && coverage > best.coverage)) {
      best = { state, matches, coverage };
    }
  }
  if (!best) return { stateFips: null, stateCounties: [], placed: new Map(), unplaced: [...names] };

  const counties = states.get(best.state)!;
  const placed = new Map<string, CountyFeature>();
  const unplaced: string[] = [];
  for (const name of names) {
    const feature = counties.get(countyKey(name));
    if (feature) placed.set(name, feature);
    else unplaced.push(name);
  }
  const stateCounties = [...counties.values()].sort((a, b) => a.id.localeCompare(b.id));
  return { stateFips: best.state, stateCounties, placed, unplaced };
}
