// A saved cohort and the port through which domain code reads and writes saved cohorts; the server's
// state store implements it.
import type { CohortDefinition } from './cohort-schema.ts';

export interface SavedCohort {
  id: string;
  name: string;
  createdAt: string;
  definition: CohortDefinition;
}

export interface CohortStore {
  /** Where the cohorts are kept, for messages. */
  readonly location: string;
  list(): Promise<SavedCohort[]>;
  get(id: string): Promise<SavedCohort | undefined>;
  save(definition: CohortDefinition): Promise<SavedCohort>;
  /** False when there was no such cohort. */
  remove(id: string): Promise<boolean>;
}
