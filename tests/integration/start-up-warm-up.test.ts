// The start-up warm-up's size rule (server/warehouse/start-up-warm-up.ts) on a real loaded warehouse:
// a warehouse below the size gets its facts warmed and nothing else (no default view rendered, no
// person index read); the same warehouse over a size forced below its population gets the default
// views and the person index as well, and the pages' default requests are then answered from the cache.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CohortMembers } from '../../core/cohorts/cohort-members.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { ResponseCache } from '../../server/http/response-cache.ts';
import { DEFAULT_VIEWS } from '../../server/measures/default-views.ts';
import { measureViews, type MeasureViews } from '../../server/measures/measure-views.ts';
import { openLiveWarehouse, type LiveWarehouse } from '../../server/warehouse/live-warehouse.ts';
import { startUpWarmUp, VIEWS_WARM_UP_FROM_PEOPLE } from '../../server/warehouse/start-up-warm-up.ts';
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

  it('warms only the facts of a warehouse below the size: no view rendered, no person index read', async () => {
    expect(people).toBeGreaterThan(0);
    expect(people).toBeLessThan(VIEWS_WARM_UP_FROM_PEOPLE);
    const { views, members, renders, indexReads } = counted();
    const reach = await live.use(startUpWarmUp({ views, members, exactCounts: false }));
    expect(reach).toBe('facts');
    expect(renders).toEqual({ measure: 0, trend: 0 });
    expect(indexReads()).toBe(0);
  });

  it('stays below the size when the size is one person more than the warehouse holds', async () => {
    const { views, members, renders } = counted();
    expect(await live.use(startUpWarmUp({ views, members, exactCounts: false, viewsFromPeople: people + 1 }))).toBe('facts');
    expect(renders).toEqual({ measure: 0, trend: 0 });
  });

  it('warms the default views and the person index of a warehouse at the size (forced to its population)', async () => {
    const { views, members, renders, indexReads } = counted();
    const reach = await live.use(startUpWarmUp({ views, members, exactCounts: false, viewsFromPeople: people }));
    expect(reach).toBe('views');
    // Every distinct default view and trend, once (a view two pages ask for is rendered once).
    const tables = new Set(DEFAULT_VIEWS.map((v) => `${v.measure} ${v.by ?? ''}`)).size;
    const trends = new Set(DEFAULT_VIEWS.filter((v) => v.trend).map((v) => `${v.measure} ${v.by ?? ''}`)).size;
    expect(renders).toEqual({ measure: tables, trend: trends });
    expect(indexReads()).toBe(1);
  });
});
