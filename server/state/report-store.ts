// Reports and their delivery log (core/reports/report-store.ts) in the state store's `reports`,
// `report_runs` and `report_deliveries` tables (migration 0005). Every change is one transaction.
import { nextRunAfter } from '../../core/reports/report-schedule.ts';
import type { ReportDefinition, SavedReport } from '../../core/reports/report-definition.ts';
import type { Delivery, DeliveryStatus, ReportRun, ReportStore, RunStatus } from '../../core/reports/report-store.ts';
import { openStateDatabase, type StateDatabase } from './state-database.ts';
import type { StateStore } from './state-store.ts';

export interface ReportStoreDeps {
  clock: () => Date;
  newId: () => string;
}

const REPORT_COLUMNS = `id, created_at AS "createdAt", next_run_at AS "nextRunAt", definition::VARCHAR AS definition`;
const LIST = `SELECT ${REPORT_COLUMNS} FROM reports ORDER BY position`;
const GET = `SELECT ${REPORT_COLUMNS} FROM reports WHERE id = ?`;
const INSERT = 'INSERT INTO reports (id, name, owner, created_at, next_run_at, definition) VALUES (?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?)';

const RUN_COLUMNS = `id, report_id AS "reportId", trigger, started_at AS "startedAt", finished_at AS "finishedAt", status,
  data_version AS "dataVersion", transport, error`;
const INSERT_RUN = `INSERT INTO report_runs (id, report_id, trigger, started_at, status, transport) VALUES (?, ?, ?, ?::TIMESTAMP, 'running', ?)`;
const FINISH_RUN = 'UPDATE report_runs SET finished_at = ?::TIMESTAMP, status = ?, data_version = ?, error = ? WHERE id = ?';
const GET_RUN = `SELECT ${RUN_COLUMNS} FROM report_runs WHERE id = ?`;
const RUNS = `SELECT ${RUN_COLUMNS} FROM report_runs WHERE report_id = ? ORDER BY started_at, id`;
const QUEUE = `INSERT INTO report_deliveries (run_id, recipient, status, updated_at) VALUES (?, ?, 'queued', ?::TIMESTAMP)`;
const SET_DELIVERY = 'UPDATE report_deliveries SET status = ?, detail = ?, updated_at = ?::TIMESTAMP WHERE run_id = ? AND recipient = ?';
const DELIVERIES = `SELECT run_id AS "runId", recipient, status, detail, updated_at AS "updatedAt" FROM report_deliveries WHERE run_id = ? ORDER BY recipient`;

interface ReportRow extends Record<string, unknown> {
  id: string;
  createdAt: string;
  nextRunAt: string | null;
  definition: string;
}

const toReport = (row: ReportRow): SavedReport => ({
  id: row.id,
  createdAt: row.createdAt,
  nextRunAt: row.nextRunAt,
  ...(JSON.parse(row.definition) as ReportDefinition),
});

export function sqlReportStore(db: StateDatabase, deps: ReportStoreDeps): ReportStore {
  const now = () => deps.clock().toISOString();
  async function run(id: string): Promise<ReportRun> {
    const [row] = await db.query<ReportRun & Record<string, unknown>>(GET_RUN, [id]);
    return { ...row!, status: row!.status as RunStatus };
  }
  return {
    async list() {
      return (await db.query<ReportRow>(LIST)).map(toReport);
    },
    async get(id) {
      const [row] = await db.query<ReportRow>(GET, [id]);
      return row && toReport(row);
    },
    async save(definition) {
      const createdAt = now();
      const nextRunAt = nextRunAfter(definition.schedule, new Date(createdAt))?.toISOString() ?? null;
      const report: SavedReport = { id: deps.newId(), createdAt, nextRunAt, ...definition };
      await db.change((tx) => tx.run(INSERT, [report.id, report.name, report.owner, createdAt, nextRunAt, JSON.stringify(definition)]));
      return report;
    },
    async startRun({ reportId, trigger, transport, recipients }) {
      const id = deps.newId();
      const startedAt = now();
      await db.change(async (tx) => {
        await tx.run(INSERT_RUN, [id, reportId, trigger, startedAt, transport]);
        for (const recipient of recipients) await tx.run(QUEUE, [id, recipient, startedAt]);
      });
      return run(id);
    },
    async recordDelivery(runId, recipient, status, detail) {
      await db.change((tx) => tx.run(SET_DELIVERY, [status, detail, now(), runId, recipient]));
    },
    async finishRun(runId, outcome) {
      await db.change((tx) => tx.run(FINISH_RUN, [now(), outcome.status, outcome.dataVersion, outcome.error ?? null, runId]));
      return run(runId);
    },
    async runs(reportId) {
      return (await db.query<ReportRun & Record<string, unknown>>(RUNS, [reportId])).map((row) => ({ ...row, status: row.status as RunStatus }));
    },
    async deliveries(runId) {
      return (await db.query<Delivery & Record<string, unknown>>(DELIVERIES, [runId])).map((row) => ({ ...row, status: row.status as DeliveryStatus }));
    },
  };
}

/**
 * The reports of an open state store, on the same database instance (openStateDatabase shares it by
 * reference): the store's open has applied migration 0005. `close` gives this reference back.
 */
export async function openReportStore(state: Pick<StateStore, 'file'>, deps: ReportStoreDeps): Promise<ReportStore & { close(): Promise<void> }> {
  const db = await openStateDatabase(state.file);
  return { ...sqlReportStore(db, deps), close: () => db.release() };
}
