// State of the county map: loads the selected measure by county and year, with the page's filters
// but never its county filter (the map shows every county), and picks the latest complete year. The
// rows are given to the map only with the warehouse's facts (/api/meta, asked for by the page too and
// shared), which say which year is complete: given before them, the map was drawn for the latest year
// and drawn again for the complete one when they arrived. Without the facts, the latest year.
import { fetchMeta, fetchMeasure } from '../lib/api.ts';
import type { Filters, MeasureQuery, MeasureResult, MeasureRow } from '../../../core/api/api-types.ts';
import { Resource } from '../lib/resource.svelte.ts';
import { lastCompleteYear } from '../overview/summarize-kpi.ts';

export type CountyMapStatus = 'unavailable' | 'loading' | 'error' | 'empty' | 'ready';

export interface CountyMapSelection {
  measure: string | null;
  filters: Filters;
  /** False when the measure cannot be stratified by county: nothing is loaded. */
  available: boolean;
}

/** The map's request: yearly, by county, the page's filters except county. */
export function countyMapQuery(filters: Filters): MeasureQuery {
  const { county: _county, ...others } = filters;
  return { period: 'year', by: 'county', filters: others };
}

/** The rows of the latest complete year (a partial year would understate period prevalence),
 * or of the latest year when none is complete. */
export function latestYearRows(rows: readonly MeasureRow[], completeYear?: number): { year: string; rows: MeasureRow[] } | null {
  const years = [...new Set(rows.map((row) => row.period))].sort();
  const complete = completeYear === undefined ? years : years.filter((year) => Number(year) <= completeYear);
  const year = (complete.length > 0 ? complete : years).at(-1);
  return year === undefined ? null : { year, rows: rows.filter((row) => row.period === year) };
}

export class CountyMapModel {
  readonly #result: Resource<{ result: MeasureResult; completeYear: number | undefined }>;
  /** The request behind the map, also what "Download CSV" fetches. */
  readonly query: MeasureQuery;
  /** The year shown and its rows. */
  readonly latest: { year: string; rows: MeasureRow[] } | null;
  readonly status: CountyMapStatus;
  /** Estimates of the year shown that are statistically unreliable (NCHS). */
  readonly unreliable: number;

  constructor(selection: () => CountyMapSelection, load = fetchMeasure, loadMeta = fetchMeta) {
    this.#result = new Resource((signal) => {
      const { measure, filters, available } = selection();
      if (!measure || !available) return undefined;
      const completeYear = loadMeta(signal).then(({ dateRange }) => lastCompleteYear(dateRange.end), () => undefined);
      return Promise.all([load(measure, countyMapQuery(filters), signal), completeYear]).then(([result, year]) => ({ result, completeYear: year }));
    });
    this.query = $derived(countyMapQuery(selection().filters));
    this.latest = $derived(this.#result.value ? latestYearRows(this.#result.value.result.rows, this.#result.value.completeYear) : null);
    this.unreliable = $derived(
      this.latest?.rows.filter((row) => !row.suppressed && row.rate !== null && row.unreliable === true).length ?? 0,
    );
    this.status = $derived.by(() => {
      if (!selection().available) return 'unavailable';
      if (this.error) return 'error';
      if (!this.result) return 'loading';
      if (!this.latest || this.latest.rows.length === 0) return 'empty';
      return 'ready';
    });
  }

  get result(): MeasureResult | undefined {
    return this.#result.value?.result;
  }
  /** The last year the data cover through 31 December, as the facts loaded with the rows say. */
  get completeYear(): number | undefined {
    return this.#result.value?.completeYear;
  }
  get loading(): boolean {
    return this.#result.loading;
  }
  get error(): string | null {
    return this.#result.error;
  }
}
