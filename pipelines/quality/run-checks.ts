// Runs one check and judges it against its threshold. The load clock is a bound parameter, read by
// the checks through the `params` CTE; a check that cannot run fails the load, naming the check,
// because a check that silently did not run would report data as clean.
import type { Database } from '../../core/warehouse/database.ts';
import type { QualityCheck, Tables } from './quality-check.ts';

export type CheckStatus = 'pass' | 'fail';

export interface CheckOutcome {
  check: QualityCheck;
  rowsChecked: number;
  rowsFailed: number;
  percentFailed: number;
  status: CheckStatus;
}

export async function runCheck(db: Database, check: QualityCheck, tables: Tables, now: Date): Promise<CheckOutcome> {
  let rowsChecked = 0;
  let rowsFailed = 0;
  for (const part of [check.sql(tables)].flat()) {
    const sql = `WITH params AS (SELECT $1::TIMESTAMP AS load_ts)
      SELECT coalesce(rows_checked, 0)::BIGINT AS rows_checked, coalesce(rows_failed, 0)::BIGINT AS rows_failed
      FROM (${part})`;
    let counts: { rows_checked: number; rows_failed: number }[];
    try {
      counts = await db.query<{ rows_checked: number; rows_failed: number }>(sql, [now.toISOString()]);
    } catch (error) {
      throw new Error(`quality check '${check.id}' could not run: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    rowsChecked += counts[0]!.rows_checked;
    rowsFailed += counts[0]!.rows_failed;
  }
  return { check, rowsChecked, rowsFailed, ...judge(rowsChecked, rowsFailed, check.threshold) };
}

/** A check fails when the share of failing rows exceeds its threshold; nothing to check passes. */
export function judge(rowsChecked: number, rowsFailed: number, threshold: number): { percentFailed: number; status: CheckStatus } {
  const percentFailed = rowsChecked === 0 ? 0 : (100 * rowsFailed) / rowsChecked;
  return { percentFailed, status: rowsFailed > 0 && percentFailed > threshold ? 'fail' : 'pass' };
}
