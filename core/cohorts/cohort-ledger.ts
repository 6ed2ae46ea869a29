// The per-user cohort ledger (docs/disclosure.md, design 10): every cohort a user has previewed,
// saved, characterized, compared or filtered a measure by (released), and every draft the live
// builder estimated (drafts), with its exact size. A cohort is only released when its member set
// equals, or differs by 11 or more people from, every released cohort of the user: "everyone" and
// "everyone but one person" must never both be answered. Drafts are answered coarsely and never
// refuse a release (admit-cohort.ts says how). The exact sizes stay on the server; nothing here is
// published. The port is implemented by the state store.
import type { CohortCriteria } from './cohort-query.ts';

/** Who is asking: a user id once sign-in exists (issue 15); until then one local principal. */
export type Principal = string;

/** Released: its size was published (perturbed). Draft: only a rounded estimate of it was. */
export type LedgerTier = 'released' | 'draft';

export interface LedgerCohort {
  /** The criteria and index date: what decides the members (a name or description does not). */
  definition: CohortCriteria;
  /** The saved cohort's name or the definition's, for the message that refuses a near one. */
  name: string | null;
  /** The exact number of members on `dataVersion`: server-side only, never published. */
  size: number;
  dataVersion: string;
  tier: LedgerTier;
}

export interface CohortLedger {
  /**
   * The principal's cohorts that may lie within `distance` people of a cohort of `size`: those
   * whose size on `dataVersion` is within `distance`, and all those sized on another version
   * (their size must be taken again). |A Δ B| ≤ d implies ||A| − |B|| ≤ d, so no other can.
   * Only released ones unless `withDrafts`; in the order they were first used.
   */
  candidates(principal: Principal, size: number, distance: number, dataVersion: string, withDrafts?: boolean): Promise<LedgerCohort[]>;
  /**
   * Adds the cohort, or updates its size and version (and its name, if it had none): one entry per
   * definition. A released cohort stays released when it is recorded again as a draft.
   */
  record(principal: Principal, cohort: LedgerCohort): Promise<void>;
}

/** The ledger's identity of a definition: its criteria and index date (left out when not given) as JSON. */
export function ledgerKey(definition: CohortCriteria): string {
  return JSON.stringify({ criteria: definition.criteria, indexDate: definition.indexDate });
}

/** A ledger kept in memory, for an app without a state directory (it lasts as long as the process). */
export function memoryCohortLedger(): CohortLedger {
  const byPrincipal = new Map<Principal, Map<string, LedgerCohort>>();
  return {
    async candidates(principal, size, distance, dataVersion, withDrafts = false) {
      const entries = [...(byPrincipal.get(principal)?.values() ?? [])];
      return entries
        .filter((c) => (withDrafts || c.tier === 'released') && (c.dataVersion !== dataVersion || Math.abs(c.size - size) <= distance))
        .map((c) => ({ ...c }));
    },
    async record(principal, cohort) {
      const entries = byPrincipal.get(principal) ?? new Map<string, LedgerCohort>();
      const key = ledgerKey(cohort.definition);
      const before = entries.get(key);
      entries.set(key, { ...cohort, name: before?.name ?? cohort.name, tier: before?.tier === 'released' ? 'released' : cohort.tier });
      byPrincipal.set(principal, entries);
    },
  };
}
