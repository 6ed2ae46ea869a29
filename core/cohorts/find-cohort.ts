// Looks up a saved cohort for a request: 404 when there is none, 409 when its definition no longer
// passes the schema (e.g. a condition group was removed from the reference data since it was saved).
import { DomainError } from '../errors.ts';
import { cohortMessages } from './cohort-messages.ts';
import { cohortDefinitionSchema } from './cohort-schema.ts';
import type { CohortStore, SavedCohort } from './saved-cohort.ts';
import { formatPath } from './validate-definition.ts';

export async function findCohort(store: CohortStore, id: string): Promise<SavedCohort> {
  const cohort = await store.get(id);
  if (!cohort) throw new DomainError('unknown_cohort', cohortMessages.unknownCohort(id), { id });
  const checked = cohortDefinitionSchema.safeParse(cohort.definition);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new DomainError('outdated_cohort', cohortMessages.outdatedCohort(id, `${formatPath(issue.path)}: ${issue.message}`), { id });
  }
  return { ...cohort, definition: checked.data };
}
