// State of the Explore page: the measure's rows for the view, and the annual percent change per
// stratum. A time window (from/to) goes to the API when the server offers it (its OpenAPI document
// lists the parameters); otherwise the rows are windowed here and the APC is fitted here, with the
// server's own function (core/measures/measure-trend.ts) on the same published yearly rows.
import { fetchMeasure, fetchMeasureParameters, fetchTrend, type MeasureTrend, type ViewQuery } from '../lib/api.ts';
import type { Dimension, MeasureResult, MeasureRow } from '../../../core/api/api-types.ts';
import { trendsByStratum } from '../../../core/measures/measure-trend.ts';
import { Resource } from '../lib/resource.svelte.ts';

export interface ExploreSelection {
  measure: string | null;
  query: ViewQuery;
}

const yearOf = (period: string) => Number(period.slice(0, 4));

/** Rows whose period lies in the window (a period's year between from and to, inclusive). */
export function inWindow(rows: readonly MeasureRow[], from: number | null, to: number | null): MeasureRow[] {
  return rows.filter((row) => (from === null || yearOf(row.period) >= from) && (to === null || yearOf(row.period) <= to));
}

export class ExploreModel {
  readonly #parameters: Resource<Set<string>>;
  readonly #result: Resource<MeasureResult>;
  readonly #trend: Resource<MeasureTrend>;
  /** Whether the view has a time window. */
  readonly windowed: boolean;
  /** Whether the server takes from/to itself (false without a window); undefined while it is being asked. */
  readonly apiWindow: boolean | undefined;
  /** What is sent to the server: the window only when it takes one; undefined until that is known. */
  readonly serverQuery: ViewQuery | undefined;
  /** The rows shown: the server's, windowed here when the server did not. */
  readonly rows: MeasureRow[];
  /** The APC per stratum: the server's, or fitted here on the windowed yearly rows; null when there is none yet. */
  readonly trend: { trends: MeasureTrend['trends']; source: 'server' | 'browser'; method?: string } | null;

  constructor(selection: () => ExploreSelection) {
    this.windowed = $derived(selection().query.from != null || selection().query.to != null);
    // Asked only once a window is chosen: a first load without one makes no extra request.
    this.#parameters = new Resource((signal) => (this.windowed ? fetchMeasureParameters(signal) : undefined));
    this.apiWindow = $derived(this.windowed ? (this.#parameters.value ? this.#parameters.value.has('from') : undefined) : false);
    this.serverQuery = $derived.by(() => {
      const query = selection().query;
      if (!this.windowed) return { ...query, from: null, to: null };
      if (this.apiWindow === undefined) return undefined;
      return this.apiWindow ? query : { ...query, from: null, to: null };
    });
    this.#result = new Resource((signal) => {
      const { measure } = selection();
      const query = this.serverQuery;
      return measure && query ? fetchMeasure(measure, query, signal) : undefined;
    });
    this.#trend = new Resource((signal) => {
      const { measure } = selection();
      const query = this.serverQuery;
      // Without the API's window, the APC over a window is fitted here (below) instead.
      if (!measure || !query || (this.windowed && !this.apiWindow)) return undefined;
      return fetchTrend(measure, query, signal);
    });
    this.rows = $derived.by(() => {
      const result = this.result;
      if (!result) return [];
      const { from, to } = selection().query;
      return this.apiWindow ? result.rows : inWindow(result.rows, from ?? null, to ?? null);
    });
    this.trend = $derived.by(() => {
      if (this.windowed && this.apiWindow === false) {
        const result = this.result;
        if (!result || result.period !== 'year') return null;
        const by = (result.by ? result.by.split(',') : []) as Dimension[];
        const rows = this.rows as unknown as Parameters<typeof trendsByStratum>[0];
        return { trends: trendsByStratum(rows, by, result.adjust === 'age' ? 'adjustedRate' : 'rate'), source: 'browser' as const };
      }
      const trend = this.#trend.value;
      return trend ? { trends: trend.trends, source: 'server' as const, method: trend.method } : null;
    });
  }

  get result(): MeasureResult | undefined {
    return this.#result.value;
  }
  get loading(): boolean {
    return this.#result.loading;
  }
  get error(): string | null {
    return this.#result.error ?? this.#parameters.error;
  }
  get trendError(): string | null {
    return this.windowed && !this.apiWindow ? null : this.#trend.error;
  }
}
