// The cohort ledger (core/cohorts/cohort-ledger.ts) in the state store's `cohort_ledger` table
// (migration 0002), so that it outlives the process: one row per principal and definition, found
// by the principal and the size window the admission asks for.
import type { CohortLedger, LedgerCohort, LedgerTier } from '../../core/cohorts/cohort-ledger.ts';
import { ledgerKey } from '../../core/cohorts/cohort-ledger.ts';
import type { CohortCriteria } from '../../core/cohorts/cohort-query.ts';
import type { StateDatabase } from './state-database.ts';

export interface CohortLedgerDeps {
  clock: () => Date;
}

// A row without a tier predates drafts (migration 0009): it was released.
const CANDIDATES = `SELECT definition, name, size::BIGINT AS size, data_version AS "dataVersion", coalesce(tier, 'released') AS tier FROM cohort_ledger
  WHERE principal = ? AND (? OR coalesce(tier, 'released') = 'released') AND (data_version <> ? OR size BETWEEN ? AND ?) ORDER BY first_used_at, definition`;
const RECORD = `INSERT INTO cohort_ledger (principal, definition, name, size, data_version, first_used_at, last_sized_at, tier)
  VALUES (?, ?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?)
  ON CONFLICT (principal, definition) DO UPDATE SET name = coalesce(cohort_ledger.name, excluded.name), size = excluded.size,
    data_version = excluded.data_version, last_sized_at = excluded.last_sized_at,
    tier = CASE WHEN coalesce(cohort_ledger.tier, 'released') = 'released' THEN 'released' ELSE excluded.tier END`;

type LedgerRow = { definition: string; name: string | null; size: number; dataVersion: string; tier: LedgerTier };

export function sqlCohortLedger(db: StateDatabase, deps: CohortLedgerDeps): CohortLedger {
  return {
    async candidates(principal, size, distance, dataVersion, withDrafts = false) {
      const rows = await db.query<LedgerRow>(CANDIDATES, [principal, withDrafts, dataVersion, size - distance, size + distance]);
      return rows.map((row): LedgerCohort => ({ definition: JSON.parse(row.definition) as CohortCriteria, name: row.name, size: Number(row.size), dataVersion: row.dataVersion, tier: row.tier }));
    },
    async record(principal, cohort) {
      const now = deps.clock().toISOString();
      await db.change((tx) => tx.run(RECORD, [principal, ledgerKey(cohort.definition), cohort.name, cohort.size, cohort.dataVersion, now, now, cohort.tier]));
    },
  };
}
