// Loads the yearly series of every measure (with the current filters) for the KPI tiles.
import { fetchMeasure } from '../lib/api.ts';
import type { Filters, MeasureInfo, MeasureResult } from '../lib/api-types.ts';
import { Resource } from '../lib/resource.svelte.ts';

export interface KpiSelection {
  measures: readonly MeasureInfo[] | undefined;
  filters: Filters;
}

export class KpiModel {
  readonly #series: Resource<Map<string, MeasureResult>>;

  constructor(selection: () => KpiSelection, load = fetchMeasure) {
    this.#series = new Resource((signal) => {
      const { measures, filters } = selection();
      if (!measures) return undefined;
      const query = { period: 'year', by: null, filters: { ...filters } } as const;
      return Promise.all(measures.map((measure) => load(measure.id, query, signal))).then(
        (results) => new Map(results.map((result, i) => [measures[i].id, result])),
      );
    });
  }

  series(id: string): MeasureResult | undefined {
    return this.#series.value?.get(id);
  }
  get loading(): boolean {
    return this.#series.loading;
  }
  get error(): string | null {
    return this.#series.error;
  }
}
