// The dashboard's view state, kept in the URL query string so every view can be shared and
// reloaded: `?measure=diabetes-prevalence&by=sex&period=year&race=white`.
import { OFFERED_DIMENSIONS, OFFERED_PERIODS } from './offered.ts';
import type { Dimension, Filters, MeasureQuery, TimePeriod as Period } from '../../../core/api/api-types.ts';

export interface ViewState {
  measure: string | null;
  by: Dimension | null;
  period: Period;
  filters: Filters;
  /** Whether every measure gets a KPI tile, not only the featured ones. */
  allTiles: boolean;
}

export const isDimension = (value: string | null): value is Dimension =>
  (OFFERED_DIMENSIONS as readonly (string | null)[]).includes(value);
const isPeriod = (value: string | null): value is Period =>
  (OFFERED_PERIODS as readonly (string | null)[]).includes(value);

/** Reads a query string; unknown keys are ignored, unknown `by`/`period` fall back to defaults.
 * A filter on the stratifier's dimension is dropped.
 * Filter values are kept as given so that the API, which knows the allowed values, can say what is wrong. */
export function parseViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const by = params.get('by');
  const period = params.get('period');
  const filters: Filters = {};
  for (const dimension of OFFERED_DIMENSIONS) {
    const value = params.get(dimension);
    // A dimension is either the stratifier or a filter (the API refuses both); the stratifier wins.
    if (value && dimension !== by) filters[dimension] = value;
  }
  return {
    measure: params.get('measure') || null,
    by: isDimension(by) ? by : null,
    period: isPeriod(period) ? period : 'year',
    filters,
    allTiles: params.get('tiles') === 'all',
  };
}

/** Writes a query string in a stable order: measure, by, period, filters by dimension, tiles. */
export function formatViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.measure) params.set('measure', state.measure);
  if (state.by) params.set('by', state.by);
  params.set('period', state.period);
  for (const dimension of OFFERED_DIMENSIONS) {
    const value = state.filters[dimension];
    if (value) params.set(dimension, value);
  }
  if (state.allTiles) params.set('tiles', 'all');
  return `?${params}`;
}

export class UrlState {
  measure = $state<string | null>(null);
  by = $state<Dimension | null>(null);
  period = $state<Period>('year');
  filters = $state<Filters>({});
  allTiles = $state(false);

  readonly search = $derived(formatViewState(this));
  readonly query: MeasureQuery = $derived({ period: this.period, by: this.by, filters: { ...this.filters } });
  readonly filterCount = $derived(Object.values(this.filters).filter(Boolean).length);

  constructor(search: string) {
    const state = parseViewState(search);
    this.measure = state.measure;
    this.by = state.by;
    this.period = state.period;
    this.filters = state.filters;
    this.allTiles = state.allTiles;
  }

  /** The API refuses a dimension as both stratifier and filter, so stratifying drops its filter. */
  stratifyBy(dimension: Dimension | null): void {
    if (dimension) this.setFilter(dimension, null);
    this.by = dimension;
  }

  setFilter(dimension: Dimension, value: string | null): void {
    const next = { ...this.filters };
    if (value) next[dimension] = value;
    else delete next[dimension];
    this.filters = next;
  }

  clearFilters(): void {
    this.filters = {};
  }

  /** Mirrors the state into the address bar (replaceState: no history entry per click).
   * Call during component initialisation; the effect lives as long as the component. */
  syncTo(location: Location, history: History): void {
    $effect(() => {
      const search = this.search;
      if (search === location.search) return;
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    });
  }
}
