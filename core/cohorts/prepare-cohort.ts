// Prepares a saved cohort on a warehouse generation, as ATLAS generates one: its members and every
// true count its profile reads (characterizeCohort with details, which the comparison's shares come
// from too), for a caller who may read every row, kept through CohortMembers.keep so that a profile
// opened later, in this process or after a restart, reads them instead of counting. Nothing is
// published here: the cohort ledger and disclosure control run on each request, as without it.
import { characterizeCohort } from './characterize-cohort.ts';
import type { CohortMembers } from './cohort-members.ts';
import type { CohortCriteria } from './cohort-query.ts';
import type { Database } from '../warehouse/database.ts';

/** False when it was prepared already; true when this call prepared it. */
export async function prepareCohort(db: Database, members: CohortMembers, definition: CohortCriteria, options: { exactCounts?: boolean } = {}): Promise<boolean> {
  const unrestricted = { criteria: definition.criteria, indexDate: definition.indexDate };
  if (await members.isKept(db, unrestricted)) return false;
  await characterizeCohort(db, unrestricted, { details: true, exactCounts: options.exactCounts, members });
  await members.keep(db, unrestricted);
  return true;
}
