// The rows a load quarantined, grouped by file and rule (field and reason) with counts, and up to
// three examples per group: line, field, reason and a value only where quarantine-redaction.ts allows.
// Exact counts of the operator's extract: loads-disclosure.ts protects them for a server without them.
import type { Database } from '../warehouse/database.ts';
import type { SqlDialect } from '../warehouse/dialect/sql-dialect.ts';
import { appendedOrderSql, byteOrderSql } from '../warehouse/load-records-sql.ts';
import { shownExampleValue } from './quarantine-redaction.ts';

export const EXAMPLES_PER_GROUP = 3;

export interface QuarantineExample {
  line: number;
  field: string | null;
  reason: string;
  /** null for an identifier column, or when the row has no single faulty field (a row the CSV reader rejected). */
  value: string | null;
}

export interface QuarantineGroup {
  file: string;
  /** The field the rule checks; null for a row the CSV reader could not parse. */
  field: string | null;
  reason: string;
  /** null where disclosure control hides it (loads-disclosure.ts). */
  rows: number | null;
  /** Empty where the count is hidden: the number of examples would give a small count away. */
  examples: QuarantineExample[];
  suppressed: boolean;
}

export interface QuarantineSummary {
  /** The run whose quarantine this is (the last load), or null for a warehouse with no recorded load. */
  runId: string | null;
  groups: QuarantineGroup[];
}

const lastRunSql = (dialect: SqlDialect) => `SELECT run_id AS "runId" FROM etl.runs ORDER BY finished_at DESC, ${appendedOrderSql(dialect)} DESC LIMIT 1`;

// Groups, largest first; examples are the first lines of each group.
const groupsSql = (d: SqlDialect) => `SELECT file, field, reason, count(*)::BIGINT AS rows
  FROM etl.quarantine WHERE run_id = $1 GROUP BY file, field, reason ORDER BY rows DESC, ${byteOrderSql(d, 'file')}, ${byteOrderSql(d, 'field')} NULLS LAST, ${byteOrderSql(d, 'reason')}`;
const examplesSql = (d: SqlDialect) => `SELECT file, field, reason, line::BIGINT AS line, value FROM (
    SELECT *, row_number() OVER (PARTITION BY file, field, reason ORDER BY line) AS n FROM etl.quarantine WHERE run_id = $1) AS numbered
  WHERE n <= $2 ORDER BY ${byteOrderSql(d, 'file')}, line`;

/** The quarantine of the last load (or of `runId`), exact counts, redacted examples. */
export async function readQuarantineSummary(db: Database, runId?: string): Promise<QuarantineSummary> {
  const run = runId ?? (await db.query<{ runId: string }>(lastRunSql(db.dialect)))[0]?.runId;
  if (!run) return { runId: null, groups: [] };
  const groups = await db.query<{ file: string; field: string | null; reason: string; rows: number }>(groupsSql(db.dialect), [run]);
  const examples = await db.query<{ file: string; field: string | null; reason: string; line: number; value: string | null }>(examplesSql(db.dialect), [run, EXAMPLES_PER_GROUP]);
  const key = (r: { file: string; field: string | null; reason: string }) => JSON.stringify([r.file, r.field, r.reason]);
  return {
    runId: run,
    groups: groups.map((g) => ({
      ...g,
      examples: examples
        .filter((e) => key(e) === key(g))
        .map((e) => ({ line: e.line, field: e.field, reason: e.reason, value: shownExampleValue(e.field, e.value) })),
      suppressed: false,
    })),
  };
}
