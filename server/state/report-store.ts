// Reports and their delivery log (core/reports/report-store.ts) in the state store's `reports`,
// `report_runs` and `report_deliveries` tables (migration 0005), with the scheduler's run keys, pauses,
// unsubscribes and the link-signing secret (migration 0007). Every change is one transaction.
import { nextRunAfter } from '../../core/reports/report-schedule.ts';
import type { ReportDefinition, SavedReport } from '../../core/reports/report-definition.ts';
import { storedView } from '../../core/reports/report-view.ts';
import type { Delivery, DeliveryStatus, ReportRun, ReportStore, RunStatus } from '../../core/reports/report-store.ts';
import { openStateDatabase, type StateDatabase } from './state-database.ts';
import type { StateStore } from './state-store.ts';

export interface ReportStoreDeps {
  clock: () => Date;
  newId: () => string;
}

const REPORT_COLUMNS = `r.id, r.created_at AS "createdAt", r.next_run_at AS "nextRunAt", r.definition::VARCHAR AS definition,
  p.paused_at AS "pausedAt", p.reason AS "pauseReason",
  (SELECT to_json(list(u.recipient ORDER BY u.recipient))::VARCHAR FROM report_unsubscribes u WHERE u.report_id = r.id) AS unsubscribed`;
const REPORTS = 'reports r LEFT JOIN report_pauses p ON p.report_id = r.id';
const LIST = `SELECT ${REPORT_COLUMNS} FROM ${REPORTS} ORDER BY r.position`;
const GET = `SELECT ${REPORT_COLUMNS} FROM ${REPORTS} WHERE r.id = ?`;
const UPDATE = 'UPDATE reports SET name = ?, next_run_at = ?::TIMESTAMP, definition = ? WHERE id = ?';
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
const CLAIMED = 'SELECT 1 AS claimed FROM report_run_keys WHERE run_key = ?';
const CLAIM = 'INSERT INTO report_run_keys (run_key, report_id, claimed_at) VALUES (?, ?, ?::TIMESTAMP)';
const SET_NEXT_RUN = 'UPDATE reports SET next_run_at = ?::TIMESTAMP WHERE id = ?';
const PAUSE = 'INSERT OR REPLACE INTO report_pauses (report_id, paused_at, reason) VALUES (?, ?::TIMESTAMP, ?)';
const RESUME = 'DELETE FROM report_pauses WHERE report_id = ?';
const UNSUBSCRIBE = 'INSERT OR IGNORE INTO report_unsubscribes (report_id, recipient, unsubscribed_at) VALUES (?, ?, ?::TIMESTAMP)';
const GET_SECRET = 'SELECT secret FROM report_secrets WHERE name = ?';
const ADD_SECRET = 'INSERT INTO report_secrets (name, secret, created_at) VALUES (?, ?, ?::TIMESTAMP)';

interface ReportRow extends Record<string, unknown> {
  id: string;
  createdAt: string;
  nextRunAt: string | null;
  definition: string;
  pausedAt: string | null;
  pauseReason: string | null;
  unsubscribed: string | null;
}

const toReport = (row: ReportRow): SavedReport => {
  const definition = JSON.parse(row.definition) as ReportDefinition;
  return {
    id: row.id,
    createdAt: row.createdAt,
    nextRunAt: row.nextRunAt,
    ...definition,
    views: definition.views.map(storedView),
    // Reports stored before the PDF setting existed have none: off.
    pdf: definition.pdf === true,
    paused: row.pausedAt === null ? null : { at: row.pausedAt, reason: row.pauseReason ?? '' },
    unsubscribed: row.unsubscribed === null ? [] : (JSON.parse(row.unsubscribed) as string[]),
  };
};

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
      const report: SavedReport = { id: deps.newId(), createdAt, nextRunAt, ...definition, paused: null, unsubscribed: [] };
      await db.change((tx) => tx.run(INSERT, [report.id, report.name, report.owner, createdAt, nextRunAt, JSON.stringify(definition)]));
      return report;
    },
    async update(id, definition) {
      const [row] = await db.query<ReportRow>(GET, [id]);
      if (!row) return undefined;
      const before = toReport(row);
      const sameSchedule = JSON.stringify(before.schedule) === JSON.stringify(definition.schedule);
      const nextRunAt = sameSchedule ? before.nextRunAt : (nextRunAfter(definition.schedule, deps.clock())?.toISOString() ?? null);
      const kept = { ...definition, owner: before.owner };
      await db.change((tx) => tx.run(UPDATE, [kept.name, nextRunAt, JSON.stringify(kept), id]));
      return { ...before, ...kept, nextRunAt };
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
    claimRun(runKey, reportId) {
      return db.change(async (tx) => {
        if ((await tx.query(CLAIMED, [runKey])).length > 0) return false;
        await tx.run(CLAIM, [runKey, reportId, now()]);
        return true;
      });
    },
    async setNextRun(reportId, nextRunAt) {
      await db.change((tx) => tx.run(SET_NEXT_RUN, [nextRunAt, reportId]));
    },
    async pause(reportId, reason) {
      await db.change((tx) => tx.run(PAUSE, [reportId, now(), reason]));
    },
    async resume(reportId) {
      await db.change((tx) => tx.run(RESUME, [reportId]));
    },
    async unsubscribe(reportId, recipient) {
      const [row] = await db.query<ReportRow>(GET, [reportId]);
      const address = recipient.toLowerCase();
      if (!row || !toReport(row).recipients.includes(address)) return false;
      await db.change((tx) => tx.run(UNSUBSCRIBE, [reportId, address, now()]));
      return true;
    },
    secret(name, make) {
      return db.change(async (tx) => {
        const [row] = await tx.query<{ secret: string }>(GET_SECRET, [name]);
        if (row) return row.secret;
        const secret = make();
        await tx.run(ADD_SECRET, [name, secret, now()]);
        return secret;
      });
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
