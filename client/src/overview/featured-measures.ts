// Which measures get a KPI tile before "Show all": a researcher's and an administrator's first
// questions (chronic disease burden, control, use, cost). The catalog order decides the rest.
import type { MeasureInfo } from '../../../core/api/api-types.ts';

export const FEATURED_MEASURES = [
  'diabetes-prevalence',
  'hypertension-prevalence',
  'ed-visits-per-1000',
  'hba1c-control',
  'readmission-30-day',
  'cost-pmpm',
];

/** The featured measures the catalog has, plus the selected one so it always has a tile. */
export function featuredMeasures(catalog: readonly MeasureInfo[], selected: string | null): MeasureInfo[] {
  const featured = catalog.filter((m) => FEATURED_MEASURES.includes(m.id) || m.id === selected);
  return featured.length > 0 ? featured : catalog.slice(0, FEATURED_MEASURES.length);
}
