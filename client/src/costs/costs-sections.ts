// The Costs and use page's sections whose measures the page names itself (the classes of cost per member
// per month are those the catalog lists), and the request every section makes. One place for both, so
// the page can ask for these sections' rows, and the classes' (core/measures/cost-classes.ts), at once,
// beside the measure catalog, rather than after it: the sections then read the same answers (api.ts
// shares a GET by its path), and nothing is asked twice.
import type { Dimension, Filters } from '../../../core/api/api-types.ts';
import { COST_CLASSES } from '../../../core/measures/cost-classes.ts';
import { fetchMeasure, fetchTrend, type ViewQuery } from '../lib/api.ts';

export interface CostsSection {
  measure: string;
  heading: string;
  by?: Dimension;
  /** Show the annual percent change per stratum. */
  withTrend?: boolean;
}

export const TOTAL_COST: CostsSection = { measure: 'cost-pmpm', heading: 'Total cost per member per month' };
export const COST_BY_PAYER: CostsSection = { measure: 'cost-pmpm', heading: 'Cost per member per month by payer', by: 'payer', withTrend: true };
export const TOP_COST_SHARE: CostsSection = { measure: 'top-5-percent-cost-share', heading: 'Share of cost spent on the costliest 5%' };
export const USE_SECTIONS: readonly CostsSection[] = [
  { measure: 'ed-visits-per-1000', heading: 'ED visits per 1,000 member-years', withTrend: true },
  { measure: 'inpatient-admissions-per-1000', heading: 'Inpatient admissions per 1,000 member-years', withTrend: true },
];

/** A section's request: yearly, by its stratifier (whose filter is dropped: every stratum shows) or in total, under the page's filters. */
export function sectionQuery(by: Dimension | null, filters: Filters): ViewQuery {
  return { period: 'year', by: by ? [by] : [], filters: by ? { ...filters, [by]: undefined } : filters };
}

/** The sections the page shows under these filters, of those it names itself (by payer only without a payer filter). */
export const namedSections = (filters: Filters): CostsSection[] =>
  [TOTAL_COST, ...(filters.payer ? [] : [COST_BY_PAYER]), TOP_COST_SHARE, ...USE_SECTIONS];

/**
 * Starts the requests of the named sections, and of the encounter classes' sections the catalog is
 * expected to list, before the catalog says which measures this server has: a measure it lacks
 * answers an error that nothing shows (its section is not drawn).
 */
export function prefetchNamedSections(filters: Filters): void {
  const classes = COST_CLASSES.map(({ measure }): CostsSection => ({ measure, heading: measure }));
  for (const section of [...namedSections(filters), ...classes]) {
    const query = sectionQuery(section.by ?? null, filters);
    fetchMeasure(section.measure, query).catch(() => undefined);
    if (section.withTrend) fetchTrend(section.measure, query).catch(() => undefined);
  }
}
