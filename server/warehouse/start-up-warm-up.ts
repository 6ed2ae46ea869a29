// What the server warms on each warehouse generation it opens (at start, and after each load), sized
// to the warehouse. Always the facts and the measure cell catalog (warm-up.ts), then the county
// outlines. The data pages' default views (server/measures/default-views.ts) and the cohort gate's
// person index, then the preparation of every saved cohort not yet prepared on the generation
// (server/cohorts/cohort-preparation.ts; below that size a cohort is prepared when saved), only from VIEWS_WARM_UP_FROM_PEOPLE people (by the stored population fact): below that
// each of their queries takes milliseconds, and rendering them all while a first visitor's own
// requests arrive made that visit slower than no warm-up (the bench's dashboard section, 20,000 people).
import { LARGE_WAREHOUSE_PEOPLE } from '../../core/warehouse/large-warehouse.ts';
import type { CohortMembers } from '../../core/cohorts/cohort-members.ts';
import type { CohortPreparation } from '../cohorts/cohort-preparation.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { warmDefaultViews } from '../measures/default-views.ts';
import type { MeasureViews } from '../measures/measure-views.ts';
import { countyOutlines } from '../meta/county-outlines.ts';
import { warmCohorts, warmWarehouse } from './warm-up.ts';

/** The population from which the default views and the person index are warmed too. */
export const VIEWS_WARM_UP_FROM_PEOPLE = LARGE_WAREHOUSE_PEOPLE;

export interface StartUpWarmUpDeps {
  views: MeasureViews;
  members: CohortMembers;
  /** The saved cohorts' preparation, run last; none without. */
  preparation?: Pick<CohortPreparation, 'prepareAll'>;
  exactCounts: boolean;
  /** People from which the default views and the person index are warmed (default VIEWS_WARM_UP_FROM_PEOPLE). */
  viewsFromPeople?: number;
}

/** How far a warm-up went: the facts only (a small warehouse), or the default views and person index too. */
export type WarmUpReach = 'facts' | 'views';

export function startUpWarmUp({ views, members, preparation, exactCounts, viewsFromPeople = VIEWS_WARM_UP_FROM_PEOPLE }: StartUpWarmUpDeps): (db: Database) => Promise<WarmUpReach> {
  return async (db) => {
    await warmWarehouse(db);
    countyOutlines((await dimensionValues(db, { exactCounts })).county);
    // The exact count decides (it is never shown): the perturbed one could put a warehouse on either side.
    const { people } = await warehouseMeta(db, { exactCounts: true });
    if (people < viewsFromPeople) return 'facts';
    await warmDefaultViews(db, views, { exactCounts });
    // After everything the data pages show: the cohort gate's person index, then the saved cohorts not prepared yet.
    await warmCohorts(db, members);
    await preparation?.prepareAll(db);
    return 'views';
  };
}
