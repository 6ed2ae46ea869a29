// The start-up warm-up's size rule (server/warehouse/start-up-warm-up.ts) on a real loaded warehouse:
// a warehouse below the size gets what the pages show warmed (the facts, every default view and the
// pages' default charts drawn from their answers, and says so once that is done) and no person index
// read; the same warehouse over a size forced below its population gets the person index as well.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CohortMembers } from '../../core/cohorts/cohort-members.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { ResponseCache } from '../../server/http/response-cache.ts';
import { DEFAULT_VIEWS, type DefaultAnswer } from '../../server/measures/default-views.ts';
import { measureViews, type MeasureViews } from '../../server/measures/measure-views.ts';
import { openLiveWarehouse, type LiveWarehouse } from '../../server/warehouse/live-warehouse.ts';
import { startUpWarmUp, COHORTS_WARM_UP_FROM_PEOPLE } from '../../server/warehouse/start-up-warm-up.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

/** Views over their own cache that count what they render (compute), and a person index that counts its reads. */
function counted(): { views: MeasureViews; members: CohortMembers; renders: { measure: number; trend: number }; indexReads: () => number } {
  const inner = measureViews({ cache: new ResponseCache() });
  const renders = { measure: 0, trend: 0 };
  const views: MeasureViews = {
    ...inner,
    renderMeasure: (...args) => (renders.measure++, inner.renderMeasure(...args)),
    renderTrend: (...args) => (renders.trend++, inner.renderTrend(...args)),
  };
  const members = new CohortMembers();
  let reads = 0;
  const index = members.index.bind(members);
  members.index = (db: Database) => (reads++, index(db));
  return { views, members, renders, indexReads: () => reads };
}

describe('start-up warm-up by warehouse size', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-start-up-warm-up-'));
  const warehouse = join(dir, 'w.duckdb');
  let live: LiveWarehouse;
  let people: number;

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    live = await openLiveWarehouse(warehouse);
    people = await live.use(async (db) => Number((await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM core.person'))[0]!.n));
  }, 300_000);
  afterAll(() => live?.close());

  /** Every distinct default view and trend, once (a view two pages ask for is rendered once). */
  const everyDefault = () => ({
    measure: new Set(DEFAULT_VIEWS.map((v) => `${v.measure} ${v.by ?? ''}`)).size,
    trend: new Set(DEFAULT_VIEWS.filter((v) => v.trend).map((v) => `${v.measure} ${v.by ?? ''}`)).size,
  });

  it("warms the facts and every default view of a warehouse below the size, says when, and reads no person index", async () => {
    expect(people).toBeGreaterThan(0);
    expect(people).toBeLessThan(COHORTS_WARM_UP_FROM_PEOPLE);
    const { views, members, renders, indexReads } = counted();
    let rendersWhenWarm: typeof renders | undefined;
    let chartsWhenWarm: number | undefined;
    let charted: readonly DefaultAnswer[] = [];
    const drawDefaultCharts = async (answers: readonly DefaultAnswer[]) => (charted = answers);
    const reach = await live.use(startUpWarmUp({ views, members, exactCounts: false, drawDefaultCharts, onPagesWarm: () => ((rendersWhenWarm = { ...renders }), (chartsWhenWarm = charted.length)) }));
    expect(reach).toBe('pages');
    expect(rendersWhenWarm).toEqual(everyDefault());
    // The pages' default charts are drawn from every default view's answer before "pages warm" is said.
    expect(chartsWhenWarm).toBe(DEFAULT_VIEWS.length);
    expect(charted.filter(({ view }) => view.chart).map(({ answer }) => answer.measure.id)).toEqual(DEFAULT_VIEWS.filter((view) => view.chart).map((view) => view.measure));
    expect(renders).toEqual(everyDefault());
    expect(indexReads()).toBe(0);
  });

  it('stays below the size when the size is one person more than the warehouse holds', async () => {
    const { views, members, indexReads } = counted();
    expect(await live.use(startUpWarmUp({ views, members, exactCounts: false, cohortsFromPeople: people + 1 }))).toBe('pages');
    expect(indexReads()).toBe(0);
  });

  it('reads the person index too of a warehouse at the size (forced to its population)', async () => {
    const { views, members, renders, indexReads } = counted();
    const reach = await live.use(startUpWarmUp({ views, members, exactCounts: false, cohortsFromPeople: people }));
    expect(reach).toBe('cohorts');
    expect(renders).toEqual(everyDefault());
    expect(indexReads()).toBe(1);
  });

  it('says the pages are warm even when their warm-up fails (the requests then compute it)', async () => {
    const { views, members } = counted();
    let told = false;
    const failing = { ...views, renderMeasure: () => Promise.reject(new Error('no')) };
    const broken = startUpWarmUp({ views: failing, members, exactCounts: false, onPagesWarm: () => (told = true) });
    await live.use((db) => broken({ ...db, query: () => Promise.reject(new Error('the warehouse is gone')) } as Database)).catch(() => undefined);
    expect(told).toBe(true);
  });
});
