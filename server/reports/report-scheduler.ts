// The report scheduler of a running server: every poll it sends the reports whose scheduled time has
// come (core/reports/due-runs.ts) and, once per data version, the reports that run after each load
// (only for loads published after the report was made). A run's key is claimed in the state store
// before it starts, so a run missed while the server was down happens once at start-up and never
// twice, even across restarts. Polls never overlap; the clock and the delivery come in.
import type { SavedReport } from '../../core/reports/report-definition.ts';
import { afterLoadRuns, dueRuns } from '../../core/reports/due-runs.ts';
import type { ReportStore } from '../../core/reports/report-store.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { runReport, type DeliveryDeps, type RunResult } from './deliver-report.ts';
import type { RenderOptions } from './render-report.ts';

export interface SchedulerDeps {
  store: ReportStore;
  /** The server's warehouse (the live one: a load switches it). */
  warehouse: { use<T>(work: (db: Database) => Promise<T>): Promise<T> };
  delivery: Omit<DeliveryDeps, 'store'>;
  render: RenderOptions;
  clock: () => Date;
  log: (message: string) => void;
}

export interface ReportScheduler {
  /** Sends what is due now; resolves to the runs made (none while another poll is running). */
  poll(): Promise<RunResult[]>;
  /** Polls now and then every `intervalMs` (default 30 s), until stopped. */
  start(intervalMs?: number): void;
  /** Stops polling and waits for the poll in progress. */
  stop(): Promise<void>;
}

export const DEFAULT_POLL_MS = 30_000;

export function reportScheduler(deps: SchedulerDeps): ReportScheduler {
  let inProgress: Promise<RunResult[]> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function runOnce(report: SavedReport, runKey: string, trigger: 'schedule' | 'load', nextRunAt?: string | null): Promise<RunResult | undefined> {
    const claimed = await deps.store.claimRun(runKey, report.id);
    if (nextRunAt !== undefined) await deps.store.setNextRun(report.id, nextRunAt);
    if (!claimed) return undefined;
    return deps.warehouse.use((db) => runReport(db, report, { ...deps.render, trigger }, { ...deps.delivery, store: deps.store }));
  }

  async function pollOnce(): Promise<RunResult[]> {
    const reports = await deps.store.list();
    const results: RunResult[] = [];
    const keep = (result: RunResult | undefined) => result && results.push(result);
    for (const due of dueRuns(reports, deps.clock())) keep(await runOnce(due.report, due.runKey, 'schedule', due.nextRunAt));
    if (reports.some((report) => report.schedule.afterLoad)) {
      const load = await deps.warehouse.use((db) => warehouseMeta(db, { exactCounts: deps.render.exactCounts }));
      for (const { report, runKey } of afterLoadRuns(reports, load)) keep(await runOnce(report, runKey, 'load'));
    }
    return results;
  }

  function poll(): Promise<RunResult[]> {
    if (inProgress) return Promise.resolve([]);
    inProgress = pollOnce()
      .catch((error: unknown) => {
        deps.log(`report scheduler: ${error instanceof Error ? error.message : String(error)}`);
        return [];
      })
      .finally(() => (inProgress = undefined));
    return inProgress;
  }

  return {
    poll,
    start(intervalMs = DEFAULT_POLL_MS) {
      void poll();
      timer = setInterval(() => void poll(), intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await inProgress;
    },
  };
}
