// The Data quality page's four answers (checks, their history, the load history, the quarantine),
// asked together once. They are admin routes: a 403 is kept apart (the page says who may see it),
// any other failure is named per section. Created during a component's initialisation.
import type { LoadRun } from '../../../core/loads/load-history.ts';
import type { QuarantineSummary } from '../../../core/loads/quarantine-summary.ts';
import type { QualityHistory } from '../../../core/quality/quality-history.ts';
import type { QualityReport } from '../../../core/quality/quality-report.ts';
import { errorMessage, fetchLoads, fetchQuality, fetchQualityHistory, fetchQuarantine, isAbortError, isApiError } from '../lib/api.ts';

type Section = 'checks' | 'history' | 'loads' | 'quarantine';

export class QualityPageData {
  report = $state.raw<QualityReport | undefined>(undefined);
  history = $state.raw<QualityHistory | undefined>(undefined);
  loads = $state.raw<{ exactCounts: boolean; runs: LoadRun[] } | undefined>(undefined);
  quarantine = $state.raw<(QuarantineSummary & { exactCounts: boolean }) | undefined>(undefined);
  /** The API's message when it refused the caller (403): the page is for admins. */
  forbidden = $state<string | null>(null);
  errors = $state<Partial<Record<Section, string>>>({});
  loading = $state(true);

  constructor() {
    $effect(() => {
      const controller = new AbortController();
      const { signal } = controller;
      const settle = <T>(section: Section, pending: Promise<T>, keep: (value: T) => void) =>
        pending.then(
          (value) => {
            if (!signal.aborted) keep(value);
          },
          (error: unknown) => {
            if (signal.aborted || isAbortError(error)) return;
            if (isApiError(error) && error.status === 403) this.forbidden = error.message;
            else this.errors = { ...this.errors, [section]: errorMessage(error) };
          },
        );
      void Promise.all([
        settle('checks', fetchQuality(signal), (value) => (this.report = value)),
        settle('history', fetchQualityHistory(signal), (value) => (this.history = value)),
        settle('loads', fetchLoads(signal), (value) => (this.loads = value)),
        settle('quarantine', fetchQuarantine(signal), (value) => (this.quarantine = value)),
      ]).then(() => {
        if (!signal.aborted) this.loading = false;
      });
      return () => controller.abort();
    });
  }
}
