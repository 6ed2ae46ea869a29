// Loads the yearly series behind each KPI tile, one request per measure, so each tile fills in as
// soon as its own answer arrives. Results are kept per measure with the filters they were loaded for.
import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { errorMessage, fetchMeasure, isAbortError, measureSearchParams } from '../lib/api.ts';
import type { Filters, MeasureQuery, MeasureResult } from '../../../core/api/api-types.ts';

export interface KpiSelection {
  /** The measures whose tiles show (before the catalog arrives, those the page will feature). */
  ids: readonly string[];
  filters: Filters;
}

interface Entry {
  /** The query these results are, or are being, loaded for. */
  key: string;
  /** The last result; may be for an older key while the new one loads. */
  result?: MeasureResult;
  error?: string;
  loading: boolean;
}

export class KpiModel {
  readonly #entries = new SvelteMap<string, Entry>();

  constructor(selection: () => KpiSelection, load = fetchMeasure) {
    $effect(() => {
      const { ids, filters } = selection();
      const query: MeasureQuery = { period: 'year', by: null, filters: { ...filters } };
      const key = String(measureSearchParams(query));
      untrack(() => {
        for (const id of ids) {
          const entry = this.#entries.get(id);
          if (entry?.key === key) continue; // loaded, or loading, for these filters
          this.#entries.set(id, { key, result: entry?.result, loading: true });
          load(id, query).then(
            (result) => this.#settle(id, key, { key, result, loading: false }),
            (error: unknown) => {
              if (isAbortError(error)) return;
              this.#settle(id, key, { key, error: errorMessage(error), loading: false });
            },
          );
        }
      });
    });
  }

  /** Stores an answer unless the filters changed while it was on its way. */
  #settle(id: string, key: string, entry: Entry): void {
    if (this.#entries.get(id)?.key === key) this.#entries.set(id, entry);
  }

  series(id: string): MeasureResult | undefined {
    return this.#entries.get(id)?.result;
  }
  loading(id: string): boolean {
    return this.#entries.get(id)?.loading ?? true;
  }
  error(id: string): string | undefined {
    return this.#entries.get(id)?.error;
  }
}
