// The comparison with the previous load: its warehouse file is attached read-only under its own
// alias, the statuses of its latest quality run are read, and it is detached again. A missing file,
// or one from before quality.results existed, means there is nothing to compare with: the load
// goes on and every comparison is null.
import { existsSync } from 'node:fs';
import type { Database } from '../../core/warehouse/database.ts';
import { quoteLiteral } from '../../core/warehouse/sql.ts';
import type { CheckStatus } from './run-checks.ts';

export type Comparison = 'new' | 'resolved' | 'stable';

export interface PreviousRun {
  runId: string;
  statuses: Map<string, CheckStatus>;
}

export type PreviousLookup = { previous: PreviousRun; reason: null } | { previous: null; reason: string };

const ALIAS = 'quality_previous';
const REQUIRED_COLUMNS = ['run_id', 'check_id', 'status'];

export async function readPreviousRun(db: Database, path: string | undefined): Promise<PreviousLookup> {
  if (!path || !existsSync(path)) return { previous: null, reason: 'no previous warehouse' };
  try {
    await db.run(`ATTACH ${quoteLiteral(path)} AS ${ALIAS} (READ_ONLY)`);
  } catch (error) {
    return { previous: null, reason: `previous warehouse could not be opened: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const [{ n }] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM duckdb_columns() WHERE database_name = '${ALIAS}' AND schema_name = 'quality'
         AND table_name = 'results' AND column_name IN (${REQUIRED_COLUMNS.map(quoteLiteral).join(', ')})`,
    );
    if (n < REQUIRED_COLUMNS.length) return { previous: null, reason: 'previous warehouse has no quality.results (older schema)' };
    // The run appended last (rowid order), whatever clock it was given.
    const rows = await db.query<{ run_id: string; check_id: string; status: CheckStatus }>(
      `SELECT run_id, check_id, status FROM ${ALIAS}.quality.results
       WHERE run_id = (SELECT arg_max(run_id, rowid) FROM ${ALIAS}.quality.results)`,
    );
    if (rows.length === 0) return { previous: null, reason: 'previous warehouse has no quality results' };
    return { previous: { runId: rows[0].run_id, statuses: new Map(rows.map((r) => [r.check_id, r.status])) }, reason: null };
  } finally {
    await db.run(`DETACH ${ALIAS}`);
  }
}

/**
 * new: fails now and did not fail before; resolved: passes now, failed before; stable: same status.
 * Null when there is no previous run, or the check did not exist in it and passes now.
 */
export function compareWithPrevious(status: CheckStatus, previous: PreviousRun | null, checkId: string): Comparison | null {
  if (!previous) return null;
  const before = previous.statuses.get(checkId);
  if (status === 'fail') return before === 'fail' ? 'stable' : 'new';
  if (before === undefined) return null;
  return before === 'fail' ? 'resolved' : 'stable';
}
