// The load history of a warehouse, read from its etl.* tables: each run with when, format, layout,
// files, rows read / loaded / quarantined, duration and the data version it published. Counts of the
// operator's own extract, exact: loads-disclosure.ts protects them for a server without exact counts.
// Read-only; must never read etl.quarantine's values (quarantine-summary.ts redacts those).
import { createHash } from 'node:crypto';
import type { Database } from '../warehouse/database.ts';
import type { SqlDialect } from '../warehouse/dialect/sql-dialect.ts';
import { appendedOrderSql, byteOrderSql, secondsBetweenSql } from '../warehouse/load-records-sql.ts';

export type FileCount = {
  file: string;
  read: number | null;
  loaded: number | null;
  quarantined: number | null;
};

export interface LoadRun {
  runId: string;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  format: string;
  layout: string;
  status: string;
  /** The data version the run published (pipelines/load.ts: the first 12 hex digits of SHA-256 over "runId:finishedAt"). */
  dataVersion: string;
  /** Totals over the files; null where disclosure control hides a count (loads-disclosure.ts). */
  read: number | null;
  loaded: number | null;
  quarantined: number | null;
  files: FileCount[];
  /** True when disclosure control hides a count of this run. */
  suppressed: boolean;
}

const runsSql = (dialect: SqlDialect) => `SELECT run_id AS "runId", started_at AS "startedAt", finished_at AS "finishedAt",
    ${secondsBetweenSql(dialect, 'started_at', 'finished_at')} AS seconds, format, layout, status
  FROM etl.runs ORDER BY finished_at DESC, ${appendedOrderSql(dialect)} DESC`;
const filesSql = (dialect: SqlDialect) => `SELECT run_id AS "runId", file, read::BIGINT AS read, loaded::BIGINT AS loaded, quarantined::BIGINT AS quarantined
  FROM etl.file_counts ORDER BY ${byteOrderSql(dialect, 'run_id')}, ${byteOrderSql(dialect, 'file')}`;

/** Every run, newest first (a warehouse that was appended to keeps the history of its earlier loads). */
export async function readLoadHistory(db: Database): Promise<LoadRun[]> {
  const runs = await db.query<Omit<LoadRun, 'dataVersion' | 'read' | 'loaded' | 'quarantined' | 'files' | 'suppressed'>>(runsSql(db.dialect));
  const files = await db.query<FileCount & { runId: string }>(filesSql(db.dialect));
  return runs.map((run) => {
    const own = files.filter((f) => f.runId === run.runId).map(({ file, read, loaded, quarantined }) => ({ file, read, loaded, quarantined }));
    const sum = (pick: (f: FileCount) => number | null) => own.reduce((total, f) => total + (pick(f) ?? 0), 0);
    return {
      ...run,
      seconds: Number(run.seconds),
      dataVersion: dataVersionOf(run.runId, run.finishedAt),
      read: sum((f) => f.read),
      loaded: sum((f) => f.loaded),
      quarantined: sum((f) => f.quarantined),
      files: own,
      suppressed: false,
    };
  });
}

/** The last run, or null for a warehouse with no recorded load. */
export async function readLastLoad(db: Database): Promise<LoadRun | null> {
  return (await readLoadHistory(db))[0] ?? null;
}

/** A run's data version: the first 12 hex digits of SHA-256 over its id and publish time (pipelines/load.ts publishes it). */
export function dataVersionOf(runId: string, finishedAt: string): string {
  return createHash('sha256').update(`${runId}:${finishedAt}`).digest('hex').slice(0, 12);
}
