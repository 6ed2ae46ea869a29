// The dashboard's view state as runes, mirrored into the address bar: every change of view pushes a
// history entry, so Back and Forward step through views; Back restores the state from the URL.
// Defaults the page fills in by itself (the first measure) replace the entry instead.
import type { Dimension, Filters, MeasureQuery, Period } from '../../../core/api/api-types.ts';
import type { PageId } from './routes.ts';
import { DEFAULT_VIEW, formatViewState, MAX_STRATIFIERS, parseViewState, type ViewState } from './view-state.ts';
import type { ViewQuery } from './api.ts';

export { isDimension } from './view-state.ts';

export class UrlState implements ViewState {
  page = $state<PageId>(DEFAULT_VIEW.page);
  measure = $state<string | null>(null);
  by = $state<Dimension[]>([]);
  period = $state<Period>('year');
  from = $state<number | null>(null);
  to = $state<number | null>(null);
  adjust = $state(false);
  filters = $state<Filters>({});
  cohort = $state<string | null>(null);
  year = $state<string | null>(null);
  allTiles = $state(false);
  cohortA = $state<string | null>(null);
  cohortB = $state<string | null>(null);
  /** What the URL asked for that could not be read (unknown parameters or values), in words. */
  notices = $state<string[]>([]);

  readonly href = $derived(formatViewState(this));
  readonly filterCount = $derived(Object.values(this.filters).filter(Boolean).length);
  /** The overview's one-stratifier, calendar-period query. */
  readonly query: MeasureQuery = $derived({
    period: this.period === 'all' ? 'year' : this.period,
    by: this.by[0] ?? null,
    filters: { ...this.filters },
  });
  /** Explore's query: every part of the view the API takes. */
  readonly viewQuery: ViewQuery = $derived({
    period: this.period,
    by: [...this.by],
    filters: { ...this.filters },
    from: this.from,
    to: this.to,
    adjust: this.adjust,
    cohort: this.cohort,
  });

  #replaceNext = false;

  constructor(pathname: string, search: string) {
    this.#apply(pathname, search);
  }

  #apply(pathname: string, search: string): void {
    const { state, notices } = parseViewState(pathname, search);
    Object.assign(this, state);
    this.notices = notices;
  }

  /** Changes made in `change` replace the current history entry instead of adding one. */
  withoutHistory(change: () => void): void {
    this.#replaceNext = true;
    change();
  }

  /** The state as a plain object (the runes' accessors live on the prototype, which a spread skips). */
  snapshot(): ViewState {
    const { page, measure, by, period, from, to, adjust, filters, cohort, year, allTiles, cohortA, cohortB } = this;
    return { page, measure, by, period, from, to, adjust, filters, cohort, year, allTiles, cohortA, cohortB };
  }

  /** The address of this view on another page. */
  hrefFor(page: PageId): string {
    return formatViewState({ ...this.snapshot(), page });
  }

  go(page: PageId): void {
    this.page = page;
  }

  /** The API refuses a dimension as both stratifier and filter, so stratifying drops its filter. */
  stratifyBy(dimensions: readonly (Dimension | null)[]): void {
    const by = [...new Set(dimensions.filter((d): d is Dimension => d !== null))].slice(0, MAX_STRATIFIERS);
    const filters = { ...this.filters };
    for (const dimension of by) delete filters[dimension];
    this.filters = filters;
    this.by = by;
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

  /** Mirrors the state into the address bar and back. Call during component initialisation. */
  syncTo(location: Location, history: History, target: Window): void {
    const current = () => `${location.pathname}${location.search}`;
    // The URL as read, written back in canonical form without a history entry of its own.
    if (this.href !== current()) history.replaceState(history.state, '', `${this.href}${location.hash}`);
    $effect(() => {
      const href = this.href;
      const replace = this.#replaceNext;
      this.#replaceNext = false;
      if (href === current()) return;
      if (replace) history.replaceState(history.state, '', href);
      else history.pushState(null, '', href);
      // A view the user chose: the URL's earlier complaints no longer apply.
      if (!replace) this.notices = [];
    });
    $effect(() => {
      const onPopState = () => this.#apply(location.pathname, location.search);
      target.addEventListener('popstate', onPopState);
      return () => target.removeEventListener('popstate', onPopState);
    });
  }
}
