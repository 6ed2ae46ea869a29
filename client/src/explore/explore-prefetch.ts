// Explore's first requests, made ahead of the page: the app asks for them beside the page's code as
// soon as the session allows (App.svelte), and lib/api.ts gives the page the same answers. For a view
// without a time window (with one, the page first asks whether the server takes it: explore-model).
import { fetchDimensions, fetchMeasure, fetchMeasures, fetchTrend, type ViewQuery } from '../lib/api.ts';

/** Asks now for the catalog, the dimensions and, for a view of a measure without a window, its rows and their annual percent change. */
export function prefetchExplorePage(measure: string | null, query: ViewQuery): void {
  const ignore = () => undefined; // the page asks again, and says what failed
  fetchMeasures().catch(ignore);
  fetchDimensions().catch(ignore);
  if (!measure || query.from != null || query.to != null) return;
  fetchMeasure(measure, query).catch(ignore);
  fetchTrend(measure, query).catch(ignore);
}
