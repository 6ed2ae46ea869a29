// State of the trend chart: loads the selected measure's series and derives the chart (trend-chart.ts),
// the suppression count and which of the loading / error / empty / ready states to show.
import { fetchMeasure } from '../lib/api.ts';
import type { MeasureQuery, MeasureResult } from '../../../core/api/api-types.ts';
import { Resource } from '../lib/resource.svelte.ts';
import { countSuppressed, countUnreliable, suppressionNote } from '../../../core/charts/build-trend-spec.ts';
import type { TrendChart } from '../../../core/charts/trend-chart.ts';
import { trendPoints } from '../../../core/charts/chart-points.ts';
import { measureTrendChart } from '../../../core/charts/measure-trend-chart.ts';
import { OVERVIEW_TREND_HEIGHT } from '../../../core/pages/featured-measures.ts';

export type TrendStatus = 'loading' | 'error' | 'empty' | 'all-suppressed' | 'ready';

export interface TrendSelection {
  measure: string | null;
  query: MeasureQuery;
}

export class TrendModel {
  readonly #result: Resource<MeasureResult>;

  constructor(selection: () => TrendSelection, load = fetchMeasure) {
    this.#result = new Resource((signal) => {
      const { measure, query } = selection();
      return measure ? load(measure, query, signal) : undefined;
    });
  }

  get result(): MeasureResult | undefined {
    return this.#result.value;
  }
  get loading(): boolean {
    return this.#result.loading;
  }
  get error(): string | null {
    return this.#result.error;
  }

  readonly suppressed = $derived(this.result ? countSuppressed(this.result.rows) : 0);
  readonly suppressionNote = $derived(this.result ? suppressionNote(this.result.rows) : null);
  readonly unreliable = $derived(this.result ? countUnreliable(this.result.rows) : 0);
  /** Whether any cell has a confidence interval (the top-5% cost share, for one, has none). */
  readonly hasInterval = $derived(this.result?.rows.some((row) => row.ciLow !== null && row.ciHigh !== null) ?? true);

  readonly status: TrendStatus = $derived.by(() => {
    if (this.error) return 'error';
    if (!this.result) return 'loading';
    if (this.result.rows.length === 0) return 'empty';
    if (this.suppressed === this.result.rows.length) return 'all-suppressed';
    return 'ready';
  });

  readonly chart: TrendChart | undefined = $derived(this.result ? measureTrendChart(this.result, OVERVIEW_TREND_HEIGHT) : undefined);
  /** The points the arrow keys step through (chart-points.ts). */
  readonly points = $derived(this.chart ? trendPoints(this.chart.input) : []);
}
