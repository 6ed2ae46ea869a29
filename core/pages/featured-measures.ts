// Which measures get a KPI tile on the Overview before "Show all": a researcher's and an administrator's
// first questions (chronic disease burden, control, use, cost). The catalog order decides the rest. The
// server warms these views and draws the Overview's trend chart before its first visitor
// (server/measures/default-views.ts).
import type { MeasureInfo } from '../api/api-types.ts';

export const FEATURED_MEASURES = [
  'diabetes-prevalence',
  'hypertension-prevalence',
  'ed-visits-per-1000',
  'hba1c-control',
  'readmission-30-day',
  'cost-pmpm',
];

/** The overview's measure until one is chosen: the first featured one (the catalog's first, when it lacks that). */
export const DEFAULT_MEASURE = FEATURED_MEASURES[0]!;

/** The height of the Overview's trend chart, in CSS pixels. */
export const OVERVIEW_TREND_HEIGHT = 320;

/**
 * The measures whose tiles load before the catalog has arrived: the featured ones and the selected
 * one, asked for at once rather than after the catalog. A measure the catalog turns out to lack gets
 * no tile (its refused request shows nowhere).
 */
export function expectedFeaturedIds(selected: string | null): string[] {
  return selected && !FEATURED_MEASURES.includes(selected) ? [...FEATURED_MEASURES, selected] : [...FEATURED_MEASURES];
}

/** The featured measures the catalog has, plus the selected one so it always has a tile. */
export function featuredMeasures(catalog: readonly MeasureInfo[], selected: string | null): MeasureInfo[] {
  const featured = catalog.filter((m) => FEATURED_MEASURES.includes(m.id) || m.id === selected);
  return featured.length > 0 ? featured : catalog.slice(0, FEATURED_MEASURES.length);
}
