// Saved cohorts are prepared in the background (core/cohorts/prepare-cohort.ts): each one when it is
// saved, and every one not yet prepared when a warehouse generation opens (the start-up warm-up, at
// start and after each load, after the pages' default views). One at a time, so a visitor's requests
// are not starved; a save's response never waits for it. A failure leaves the cohort unprepared (its
// profile is then computed on request, as before) and is logged.
import { prepareCohort } from '../../core/cohorts/prepare-cohort.ts';
import type { CohortMembers } from '../../core/cohorts/cohort-members.ts';
import type { CohortStore, SavedCohort } from '../../core/cohorts/saved-cohort.ts';
import type { Database } from '../../core/warehouse/database.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';

/** Whether a saved cohort's profile is prepared on the warehouse generation being served, or being prepared. */
export interface PreparationState {
  prepared: boolean;
  preparing: boolean;
}

export interface CohortPreparation {
  /** Queues the preparation of a cohort just saved, on the generation then served; returns at once. */
  start(cohort: SavedCohort): void;
  /** Prepares every saved cohort not prepared on `db` (the warm-up of a new generation); resolves when done. */
  prepareAll(db: Database): Promise<void>;
  state(db: Database, cohort: SavedCohort): Promise<PreparationState>;
}

export interface CohortPreparationDeps {
  warehouse: Pick<LiveWarehouse, 'use'>;
  store: CohortStore;
  /** The cohort gate's members, which the routes read. */
  members: CohortMembers;
  exactCounts?: boolean;
  log?: (message: string) => void;
}

export function cohortPreparation({ warehouse, store, members, exactCounts = false, log = console.error }: CohortPreparationDeps): CohortPreparation {
  const preparing = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  /** After the preparations queued before it; never rejects. */
  function enqueue(cohort: SavedCohort, on: (work: (db: Database) => Promise<void>) => Promise<void>): Promise<void> {
    preparing.add(cohort.id);
    const run = queue.then(() =>
      on((db) => prepareCohort(db, members, cohort.definition, { exactCounts }).then(() => undefined))
        .catch((error: unknown) => log(`Could not prepare cohort ${cohort.id}: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => preparing.delete(cohort.id)),
    );
    queue = run;
    return run;
  }

  return {
    start(cohort) {
      void enqueue(cohort, (work) => warehouse.use(work));
    },
    async prepareAll(db) {
      for (const cohort of await store.list()) await enqueue(cohort, (work) => work(db));
    },
    async state(db, cohort) {
      const prepared = await members.isKept(db, cohort.definition).catch(() => false);
      return { prepared, preparing: !prepared && preparing.has(cohort.id) };
    },
  };
}
