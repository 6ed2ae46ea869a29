// An async value with loading and error states that reloads when the state its loader reads changes.
// The loader must read its reactive inputs before its first `await`; those are what get tracked.
import { errorMessage, isAbortError } from './api.ts';

export class Resource<T> {
  /** The last value loaded; kept while a newer one loads, so views do not flash empty. */
  value = $state.raw<T | undefined>(undefined);
  error = $state<string | null>(null);
  loading = $state(true);

  constructor(load: (signal: AbortSignal) => Promise<T> | undefined) {
    $effect(() => {
      const controller = new AbortController();
      const pending = load(controller.signal);
      if (pending === undefined) return; // inputs not ready yet
      this.loading = true;
      this.error = null;
      pending.then(
        (value) => {
          if (controller.signal.aborted) return;
          this.value = value;
          this.loading = false;
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbortError(error)) return;
          this.error = errorMessage(error);
          this.loading = false;
        },
      );
      return () => controller.abort();
    });
  }
}
