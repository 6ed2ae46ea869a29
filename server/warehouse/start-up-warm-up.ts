// What the server warms on each warehouse generation it opens (at start, and after each load), sized
// to the warehouse. First what the pages show, at every size: the facts and the measure cell catalog
// (warm-up.ts), the county outlines, the data pages' default views (server/measures/default-views.ts;
// a few hundred milliseconds at 20,000 and at 1,000,000 people, read from the cell tables) and, on a
// server that serves the dashboard, the trend charts the pages draw of them
// (server/charts/default-charts.ts); at start the server listens only once this part is done
// (cli/start-server.ts, within a time budget), so the first visitor's pages are answered from the cache. Then, only from COHORTS_WARM_UP_FROM_PEOPLE people
// (by the stored population fact), the cohort gate's person index and the preparation of every saved
// cohort not yet prepared on the generation (server/cohorts/cohort-preparation.ts): about a second and
// more at 1,000,000 people, run while the server answers; below that size a cohort is prepared when
// saved and the index is read in moments.
import { LARGE_WAREHOUSE_PEOPLE } from '../../core/warehouse/large-warehouse.ts';
import type { CohortMembers } from '../../core/cohorts/cohort-members.ts';
import type { CohortPreparation } from '../cohorts/cohort-preparation.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { warmDefaultViews, type DefaultAnswer } from '../measures/default-views.ts';
import type { MeasureViews } from '../measures/measure-views.ts';
import { listedCountyOutlines } from '../meta/county-outlines.ts';
import { warmCohorts, warmWarehouse } from './warm-up.ts';

/** The population from which the person index is read and the saved cohorts are prepared too. */
export const COHORTS_WARM_UP_FROM_PEOPLE = LARGE_WAREHOUSE_PEOPLE;

export interface StartUpWarmUpDeps {
  views: MeasureViews;
  members: CohortMembers;
  /** The saved cohorts' preparation, run last; none without. */
  preparation?: Pick<CohortPreparation, 'prepareAll'>;
  exactCounts: boolean;
  /** People from which the person index and the cohorts are warmed (default COHORTS_WARM_UP_FROM_PEOPLE). */
  cohortsFromPeople?: number;
  /** Called once what the pages show is warm (or its warm-up failed: the requests then compute it). */
  onPagesWarm?: () => void;
  /** Draws the charts the pages draw of the default views' answers (a server that serves the dashboard). */
  drawDefaultCharts?: (answers: readonly DefaultAnswer[]) => Promise<unknown>;
}

/** How far a warm-up went: what the pages show, or the cohorts' person index and preparation too. */
export type WarmUpReach = 'pages' | 'cohorts';

export function startUpWarmUp({ views, members, preparation, exactCounts, cohortsFromPeople = COHORTS_WARM_UP_FROM_PEOPLE, onPagesWarm, drawDefaultCharts }: StartUpWarmUpDeps): (db: Database) => Promise<WarmUpReach> {
  return async (db) => {
    try {
      await warmWarehouse(db);
      await listedCountyOutlines(db, { exactCounts });
      const answers = await warmDefaultViews(db, views, { exactCounts });
      await drawDefaultCharts?.(answers);
    } finally {
      onPagesWarm?.();
    }
    // The exact count decides (it is never shown): the perturbed one could put a warehouse on either side.
    const { people } = await warehouseMeta(db, { exactCounts: true });
    if (people < cohortsFromPeople) return 'pages';
    await warmCohorts(db, members);
    await preparation?.prepareAll(db);
    return 'cohorts';
  };
}
