// The cohort ledger at the HTTP edge: every route that answers anything about a cohort (preview,
// save, characterization, comparison, a measure or trend filtered by `?cohort=`) passes it through
// here first, as the caller's principal; a cohort too close to one they used earlier is refused
// with 409 before anything about it is computed for the response. Exact counts (a trusted
// environment, outside the threat model of docs/disclosure.md) keep no ledger.
import type { Request } from 'express';
import type { RowLimits } from '../../core/accounts/row-restriction.ts';
import { CohortAdmission, type CohortToAdmit } from '../../core/cohorts/admit-cohort.ts';
import { buildCohortSql, type CohortSql } from '../../core/cohorts/build-cohort-sql.ts';
import type { KeyedCount } from '../../core/cohorts/cohort-disclosure.ts';
import type { CohortLedger, Principal } from '../../core/cohorts/cohort-ledger.ts';
import type { CohortMembers } from '../../core/cohorts/cohort-members.ts';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';
import { findCohort } from '../../core/cohorts/find-cohort.ts';
import type { CohortStore } from '../../core/cohorts/saved-cohort.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { requireCohortTables } from '../../core/warehouse/engine-features.ts';
import { HttpError } from '../http/errors.ts';
import { restrictionOf } from '../routing/row-access.ts';
import { principalOf } from './principal.ts';

export const COHORT_TOO_CLOSE = 'cohort_too_close';

/**
 * The ledger's answer for one cohort: admitted (and recorded) with its true size and key residue within the caller's rows
 * (for disclosure control only), or refused with the message that says why, without any count.
 */
export type GateVerdict = { admitted: true; people: KeyedCount } | { admitted: false; message: string; earlier: string | null };

export interface CohortGate {
  /** The members of the cohorts it judges (per warehouse generation): a characterization or comparison of an admitted cohort reads them. */
  readonly members: CohortMembers;
  /** Resolves when the caller may use the cohort (and it is in their ledger), with its true size within their rows; throws 409 otherwise. */
  admit(db: Database, request: Request, cohort: CohortToAdmit): Promise<KeyedCount>;
  /**
   * A draft of the live builder, never refused: the true size and key residue to publish as a rounded estimate: the draft's
   * own, or that of an earlier cohort of the caller 1–10 people from it (core/cohorts/admit-cohort.ts).
   */
  estimate(db: Database, request: Request, cohort: CohortToAdmit): Promise<KeyedCount>;
  /** The same decision, returned instead of thrown: for answers that show a refused cohort as refused (attrition steps). */
  judge(db: Database, request: Request, cohort: CohortToAdmit): Promise<GateVerdict>;
  /**
   * The same decision for a principal who is not the caller: a report's recipient, judged within
   * their own rows before a view over the cohort is sent to them (server/reports/report-cohorts.ts).
   */
  judgeFor(db: Database, principal: Principal, restriction: RowLimits | undefined, cohort: CohortToAdmit): Promise<GateVerdict>;
  /** The members of saved cohort `id`, admitted, as SQL for a measure; undefined without a cohort (404 for an unknown id). */
  membersSql(db: Database, request: Request, store: CohortStore, id: string | undefined): Promise<CohortSql | undefined>;
}

/** `members`: where the judged cohorts' members are kept (with the server's cohort cache, cli/start-server.ts); else in memory. */
export function cohortGate(ledger: CohortLedger, options: { exactCounts?: boolean; members?: CohortMembers } = {}): CohortGate {
  const admission = new CohortAdmission(ledger, options.members);
  const gate: CohortGate = {
    members: admission.members,
    async admit(db, request, cohort) {
      const verdict = await gate.judge(db, request, cohort);
      if (!verdict.admitted) throw new HttpError(409, COHORT_TOO_CLOSE, verdict.message, { earlier: verdict.earlier });
      return verdict.people;
    },
    judge(db, request, cohort) {
      return gate.judgeFor(db, principalOf(request), restrictionOf(request), cohort);
    },
    async judgeFor(db, principal, restriction, cohort) {
      // Every use of a cohort on the warehouse passes here: the one place an engine without cohort tables refuses them.
      await requireCohortTables(db);
      // Judged within the rows the caller may read: that is where two cohorts' difference would show.
      const restricted = { ...cohort, definition: { ...cohort.definition, restriction } };
      if (options.exactCounts) return { admitted: true, people: await admission.measure(db, restricted.definition) };
      const verdict = await admission.admit(db, principal, restricted);
      return verdict.admitted ? verdict : { admitted: false, message: cohortMessages.tooCloseToEarlier(verdict.earlier.name), earlier: verdict.earlier.name };
    },
    async estimate(db, request, cohort) {
      await requireCohortTables(db);
      const restricted = { ...cohort, definition: { ...cohort.definition, restriction: restrictionOf(request) } };
      if (options.exactCounts) return admission.measure(db, restricted.definition);
      return (await admission.estimate(db, principalOf(request), restricted)).people;
    },
    async membersSql(db, request, store, id) {
      if (id === undefined) return undefined;
      const cohort = await findCohort(store, id);
      await gate.admit(db, request, { definition: cohort.definition, name: cohort.name });
      return buildCohortSql(cohort.definition, undefined, db.dialect);
    },
  };
  return gate;
}
