// The warm-up of the dashboard's default views (server/measures/default-views.ts) on a real loaded
// warehouse: after it, every default request of the data pages is answered without computing
// anything, with the body a server that never warmed computes; trends are cached like measures. The
// charts the pages draw of those views, drawn from the warm-up's answers (server/charts/default-charts.ts),
// leave views kept for their forms, by which the pages' own requests for those charts are then drawn.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import type { MeasureResult } from '../../core/api/api-types.ts';
import { measureTrendChart } from '../../core/charts/measure-trend-chart.ts';
import { trendChartSpec, type TrendChart } from '../../core/charts/trend-chart.ts';
import { trendPanels } from '../../core/charts/trend-panels.ts';
import { MEASURES } from '../../core/measures/catalog.ts';
import { costsSections, COSTS_CHART_HEIGHT } from '../../core/pages/costs-sections.ts';
import { DEFAULT_MEASURE, OVERVIEW_TREND_HEIGHT } from '../../core/pages/featured-measures.ts';
import { createApp } from '../../server/app.ts';
import { drawDefaultCharts } from '../../server/charts/default-charts.ts';
import { keptViewCounts } from '../../server/charts/kept-views.ts';
import { renderSvg } from '../../server/reports/render-chart.ts';
import { ResponseCache } from '../../server/http/response-cache.ts';
import { DEFAULT_VIEWS, warmDefaultViews } from '../../server/measures/default-views.ts';
import { measureViews, type MeasureViews } from '../../server/measures/measure-views.ts';
import { openLiveWarehouse, type LiveWarehouse } from '../../server/warehouse/live-warehouse.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

async function listen(app: express.Express): Promise<{ url: string; close: () => void }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() };
}

/** The URLs the pages ask for, written as the dashboard writes them (client/src/lib/api.ts). */
const defaultUrls = DEFAULT_VIEWS.flatMap(({ measure, by, trend }) => {
  const query = by ? `?period=year&by=${by}` : '?period=year';
  return [`/api/measures/${measure}${query}`, ...(trend ? [`/api/measures/${measure}/trend${query}`] : [])];
});

describe('warm-up of the default views', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-default-views-'));
  const warehouse = join(dir, 'w.duckdb');
  const renders = { measure: 0, trend: 0 };
  let live: LiveWarehouse;
  let warmed: { url: string; close: () => void };
  let fresh: { url: string; close: () => void };
  let drawn = 0;

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    live = await openLiveWarehouse(warehouse);
    const inner = measureViews({ cache: new ResponseCache() });
    // The same views, counting what is rendered (computed), not what is sent from the cache.
    const views: MeasureViews = {
      ...inner,
      renderMeasure: (...args) => (renders.measure++, inner.renderMeasure(...args)),
      renderTrend: (...args) => (renders.trend++, inner.renderTrend(...args)),
    };
    drawn = await drawDefaultCharts(await live.use((db) => warmDefaultViews(db, views)));
    warmed = await listen(createApp({ warehouse: live, views, log: () => undefined }));
    // Nothing cached: every answer computed afresh.
    fresh = await listen(createApp({ warehouse: live, responseCache: { maxBytes: 0 }, log: () => undefined }));
  }, 300_000);
  afterAll(() => {
    warmed?.close();
    fresh?.close();
    live?.close();
  });

  it('renders each default view and trend once, and the pages then get them without any computing', async () => {
    // A view two pages both ask for (the first measure's yearly rates: a tile and Explore's chart) is rendered once.
    const tables = new Set(DEFAULT_VIEWS.map((v) => `${v.measure} ${v.by ?? ''}`)).size;
    const trends = new Set(DEFAULT_VIEWS.filter((v) => v.trend).map((v) => `${v.measure} ${v.by ?? ''}`)).size;
    expect(tables).toBeLessThan(DEFAULT_VIEWS.length);
    expect(renders).toEqual({ measure: tables, trend: trends });
    for (const url of defaultUrls) {
      const response = await fetch(`${warmed.url}${url}`);
      expect(response.status, url).toBe(200);
    }
    expect(renders).toEqual({ measure: tables, trend: trends });
  });

  it('answers each default request with the body a server that never warmed computes', async () => {
    for (const url of defaultUrls) {
      const [a, b] = await Promise.all([fetch(`${warmed.url}${url}`), fetch(`${fresh.url}${url}`)]);
      expect(await a.json(), url).toEqual(await b.json());
    }
  });

  it('computes a view it did not warm once, then answers it and its trend (304 on a matching tag) from the cache', async () => {
    const before = { ...renders };
    const url = '/api/measures/hypertension-prevalence/trend?period=year&by=sex';
    const first = await fetch(`${warmed.url}${url}`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    const again = await fetch(`${warmed.url}${url}`);
    expect(await again.json()).toEqual(await first.json());
    expect((await fetch(`${warmed.url}${url}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect(renders).toEqual({ measure: before.measure, trend: before.trend + 1 });
    // The trend's tag is its own: the same query's measure table has another.
    const table = await fetch(`${warmed.url}/api/measures/hypertension-prevalence?period=year&by=sex`);
    expect(table.headers.get('etag')).not.toBe(etag);
  });

  it("draws the charts the pages draw of them, so that the pages' own requests for those charts are drawn by the views it kept", async () => {
    const answer = async (path: string) => (await (await fetch(`${warmed.url}${path}`)).json()) as MeasureResult;
    // Each chart as its page builds it from the answer it gets (Costs' sections: MeasureSection.svelte;
    // the Overview's trend: trend-model.svelte.ts; Explore's one chart: Explore.svelte), at the widths
    // of a 1,280 px page, where the warm-up drew at another.
    const costs = await Promise.all(costsSections({}).map(async ({ measure, by }) => measureTrendChart(await answer(`/api/measures/${measure}?period=year${by ? `&by=${by}` : ''}`), COSTS_CHART_HEIGHT)!));
    const overview = measureTrendChart(await answer(`/api/measures/${DEFAULT_MEASURE}?period=year`), OVERVIEW_TREND_HEIGHT)!;
    const first = await answer(`/api/measures/${MEASURES[0]!.id}?period=year`);
    const explore = trendPanels({ rows: first.rows, by: [], period: 'year', unit: first.measure.unit, unitLabel: first.measure.unitLabel, title: first.measure.title, adjusted: false })[0]!.chart;
    const charts: [TrendChart, number][] = [...costs.map((chart, i): [TrendChart, number] => [chart, i < 2 ? 1118 : 528]), [overview, 1118], [explore, 1118]];
    expect(drawn).toBe(charts.length);
    const before = { ...keptViewCounts };
    for (const [chart, width] of charts) {
      const response = await fetch(`${warmed.url}/api/charts/trend.svg`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chart, width }) });
      expect(response.status).toBe(200);
      // Exactly what a view built afresh for the chart draws.
      expect(await response.text()).toBe(await renderSvg(trendChartSpec(chart, width)));
    }
    expect(keptViewCounts.built).toBe(before.built);
    expect(keptViewCounts.reused - before.reused).toBe(charts.length);
  });
});
