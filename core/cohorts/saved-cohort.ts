// A saved cohort and the port through which domain code reads and writes saved cohorts; the server's
// state store implements it.
import type { CohortDefinition } from './cohort-schema.ts';

export interface SavedCohort {
  id: string;
  name: string;
  createdAt: string;
  definition: CohortDefinition;
}

/** The most a principal may keep: saved cohorts, and bytes of their definitions (JSON). */
export interface CohortQuota {
  count: number;
  bytes: number;
}

/** Far above a person's working set, far below what slows the state store: 200 cohorts, 2 MiB. */
export const DEFAULT_COHORT_QUOTA: Readonly<CohortQuota> = { count: 200, bytes: 2 * 1024 * 1024 };

/** Whose cohort it is and what they may keep; a save over the quota throws `cohort_quota`. */
export interface CohortOwner {
  owner: string;
  quota: CohortQuota;
}

export interface CohortStore {
  /** Where the cohorts are kept, for messages. */
  readonly location: string;
  list(): Promise<SavedCohort[]>;
  get(id: string): Promise<SavedCohort | undefined>;
  /** Saves a cohort; with an owner, within their quota (checked and written in one transaction). */
  save(definition: CohortDefinition, owner?: CohortOwner): Promise<SavedCohort>;
  /** False when there was no such cohort. */
  remove(id: string): Promise<boolean>;
  /** A new name (and description: null removes it, undefined keeps it); the criteria stay. Undefined when there is no such cohort. */
  rename(id: string, names: { name: string; description?: string | null }): Promise<SavedCohort | undefined>;
}
