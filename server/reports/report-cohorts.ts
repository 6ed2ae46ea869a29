// Saved cohorts in reports. A view over a cohort passes the cohort ledger twice, as a measure with
// `?cohort=` does for its caller: when it is added (for the caller who adds it: 400 for an unknown
// cohort, 409 when it is too close to one they used) and when it is sent (for every recipient, each
// judged within their own rows, since each of them reads its numbers). A cohort refused for any
// recipient of a rendering, or deleted since, leaves the view out of that rendering, with a line that
// names no cohort of anyone's ledger and no count.
import type { Request } from 'express';
import { buildCohortSql } from '../../core/cohorts/build-cohort-sql.ts';
import type { CohortStore, SavedCohort } from '../../core/cohorts/saved-cohort.ts';
import { DomainError } from '../../core/errors.ts';
import type { RowLimits } from '../../core/accounts/row-restriction.ts';
import type { ReportDefinition } from '../../core/reports/report-definition.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import type { Database } from '../../core/warehouse/database.ts';
import type { CohortGate } from '../cohorts/cohort-gate.ts';
import { LOCAL_PRINCIPAL } from '../cohorts/principal.ts';
import type { ViewCohort } from './render-view.ts';

export interface ReportCohorts {
  store: CohortStore;
  gate: Pick<CohortGate, 'admit' | 'judgeFor'>;
}

/**
 * The members of a view's cohort for one rendering: admitted for each of its recipients' principals
 * (none without sign-in: the one local principal), within the rendering's restriction. Each cohort
 * id is judged once per rendering.
 */
export function cohortForRecipients(db: Database, cohorts: ReportCohorts, restriction: RowLimits | undefined, principals: readonly string[]): ViewCohort {
  const judged = new Map<string, ReturnType<ViewCohort>>();
  const judge: ViewCohort = async (id) => {
    const cohort = await cohorts.store.get(id);
    if (!cohort) return { withheld: reportMessages.viewCohortGone() };
    for (const principal of principals.length ? principals : [LOCAL_PRINCIPAL]) {
      const verdict = await cohorts.gate.judgeFor(db, principal, restriction, { definition: cohort.definition, name: cohort.name });
      if (!verdict.admitted) return { withheld: reportMessages.viewCohortRefused() };
    }
    return buildCohortSql(cohort.definition, undefined, db.dialect);
  };
  return (id) => {
    if (!judged.has(id)) judged.set(id, judge(id));
    return judged.get(id)!;
  };
}

/**
 * The views' cohorts as the caller who adds them may use them: an unknown id is refused (400 naming
 * `views[i].cohort`), one too close to a cohort of the caller's ledger is refused (409) as the measure
 * API refuses it.
 */
export async function checkViewCohorts(db: Database, request: Request, cohorts: ReportCohorts, definition: Pick<ReportDefinition, 'views'>): Promise<void> {
  for (const cohort of await savedCohortsOfViews(cohorts.store, definition)) {
    await cohorts.gate.admit(db, request, { definition: cohort.definition, name: cohort.name });
  }
}

/**
 * The saved cohort of each view that has one, or the error naming `views[i].cohort` for the first
 * that is not a saved cohort: the check of the server's routes, and of `popsight reports add` without a server.
 */
export async function savedCohortsOfViews(store: Pick<CohortStore, 'get'>, definition: Pick<ReportDefinition, 'views'>): Promise<SavedCohort[]> {
  const found: SavedCohort[] = [];
  for (const [i, view] of definition.views.entries()) {
    if (!view.cohort) continue;
    const cohort = await store.get(view.cohort);
    const field = `views[${i}].cohort`;
    if (!cohort) throw new DomainError('invalid_definition', reportMessages.invalidField(field, reportMessages.unknownCohort(view.cohort)), { field });
    found.push(cohort);
  }
  return found;
}
