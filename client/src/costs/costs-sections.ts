// The requests of the Costs and use page's sections (core/pages/costs-sections.ts), and those requests
// made ahead of the page: the app asks for them beside the page's code, as soon as the session allows,
// and lib/api.ts gives each section the same answer.
import type { Dimension, Filters } from '../../../core/api/api-types.ts';
import { costsSections, type CostsSection } from '../../../core/pages/costs-sections.ts';
import { fetchMeasure, fetchMeasures, fetchTrend, type ViewQuery } from '../lib/api.ts';

/** A section's request: yearly, by its stratifier (whose filter is dropped: every stratum shows) or in total, under the page's filters. */
export function sectionQuery(by: Dimension | null, filters: Filters): ViewQuery {
  return { period: 'year', by: by ? [by] : [], filters: by ? { ...filters, [by]: undefined } : filters };
}

/** A section's rows under the page's filters. */
export const sectionRows = ({ measure, by }: CostsSection, filters: Filters, signal?: AbortSignal) =>
  fetchMeasure(measure, sectionQuery(by ?? null, filters), signal);

/** A section's annual percent change per stratum, when it shows them. */
export const sectionTrend = ({ measure, by, withTrend }: CostsSection, filters: Filters, signal?: AbortSignal) =>
  withTrend ? fetchTrend(measure, sectionQuery(by ?? null, filters), signal) : undefined;

/** Asks now for what the page will ask once its code is in: the catalog and every section's rows under `filters`. */
export function prefetchCostsPage(filters: Filters): void {
  const ignore = () => undefined; // the section asks again, and says what failed
  fetchMeasures().catch(ignore);
  for (const section of costsSections(filters)) {
    sectionRows(section, filters).catch(ignore);
    sectionTrend(section, filters)?.catch(ignore);
  }
}
