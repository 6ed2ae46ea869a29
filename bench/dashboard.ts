// Section 5, dashboard: every page's first complete render in headless chromium (the definition is
// RENDER_DEFINITION in dashboard-pages.ts, the same for every page). Each page is opened once on a
// freshly started server without its start-up warm-up (truly cold), then on a freshly started server
// as shipped, navigated as soon as it listens (cold: it listens once the facts and the data pages'
// default views are warm and their charts drawn; on a large warehouse the cohorts' warm-up may still be running), then in new
// browser contexts on that same server (warm server); the browser's cache is always empty.
// The state the cohort profile and Reports page show (two cohorts, a report) is saved beforehand, and
// the seeding server waits until both cohorts are prepared (kept with the data version in the state
// folder, as every saved cohort is when saved) before it stops.
import { chromium, type Browser } from 'playwright-core';
import type { BenchContext } from './context.ts';
import { DASHBOARD_PAGES, renderedPage, seedState, type DashboardPage, type SeededState } from './dashboard-pages.ts';
import { startServerProcess } from './server-process.ts';
import { median } from './stats.ts';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const WARM_RUNS = 3;
const RENDER_TIMEOUT_MS = 300_000;
/** How long the seeding server may take to prepare the two saved cohorts (a few seconds at 1,000,000 people). */
const PREPARED_TIMEOUT_MS = 120_000;
const PREPARED_POLL_MS = 500;

export interface RenderSample {
  ms: number;
  marks: number;
  tiles: number;
  tilesWithNumbers: number;
}

export interface PageRender {
  path: string;
  /** First visit on a freshly started server process, navigated as soon as it listens (once the pages' warm-up is done), empty browser cache. */
  coldMs: number;
  /** First visit on a freshly started server process without the start-up warm-up (truly cold). */
  noWarmUpMs?: number;
  /** Median of later visits, each in a new browser context (empty browser cache, warm server). */
  warmMs: number;
}

export interface DashboardBench {
  chromium: string;
  /** The overview's cold visit, with what it showed. */
  cold: RenderSample;
  /** The overview's warm median. */
  warmMs: number;
  warmRuns: number;
  /** Every page (overview included), by name; absent in results written before every page was timed. */
  renders?: Record<string, PageRender>;
  /** Cold first render of the pages other than the overview: results written before `renders`. */
  pages?: Record<string, number>;
}

export async function benchDashboard(ctx: BenchContext, warehouse: string): Promise<DashboardBench> {
  const state = await seedOnce(ctx, warehouse);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const renders: Record<string, PageRender> = {};
    let cold: RenderSample | undefined;
    for (const page of DASHBOARD_PAGES) {
      const path = page.path(state);
      const trulyCold = await startServerProcess(ctx, warehouse, { warmUp: false });
      let noWarmUpMs: number;
      try {
        noWarmUpMs = (await visit(browser, `${trulyCold.url}${path}`, page)).ms;
      } finally {
        await trulyCold.stop();
      }
      const server = await startServerProcess(ctx, warehouse);
      try {
        const first = await visit(browser, `${server.url}${path}`, page);
        const warm: number[] = [];
        for (let i = 0; i < WARM_RUNS; i++) warm.push((await visit(browser, `${server.url}${path}`, page)).ms);
        renders[page.name] = { path, coldMs: first.ms, noWarmUpMs, warmMs: median(warm) };
        if (page.name === 'overview') cold = first;
        ctx.log(`  ${page.name} rendered in ${first.ms.toFixed(0)} ms cold (${noWarmUpMs.toFixed(0)} ms without the start-up warm-up), ${median(warm).toFixed(0)} ms warm`);
      } finally {
        await server.stop();
      }
    }
    return { chromium: `Chromium ${browser.version()}`, cold: cold!, warmMs: renders.overview!.warmMs, warmRuns: WARM_RUNS, renders };
  } finally {
    await browser.close();
  }
}

async function seedOnce(ctx: BenchContext, warehouse: string): Promise<SeededState> {
  const server = await startServerProcess(ctx, warehouse);
  try {
    const state = await seedState(server.url);
    await preparedCohorts(server.url, state.cohorts);
    return state;
  } finally {
    await server.stop();
  }
}

/** Resolves once the server lists every one of `ids` as prepared; throws after PREPARED_TIMEOUT_MS. */
async function preparedCohorts(baseUrl: string, ids: readonly string[]): Promise<void> {
  const deadline = Date.now() + PREPARED_TIMEOUT_MS;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/cohorts`, { headers: { accept: 'application/json' } });
    const { cohorts } = (await response.json()) as { cohorts: { id: string; prepared?: boolean }[] };
    if (ids.every((id) => cohorts.some((cohort) => cohort.id === id && cohort.prepared === true))) return;
    if (Date.now() > deadline) throw new Error(`the saved cohorts were not prepared within ${PREPARED_TIMEOUT_MS / 1000} s: ${JSON.stringify(cohorts)}`);
    await new Promise((resolve) => setTimeout(resolve, PREPARED_POLL_MS));
  }
}

/** One visit in a new browser context: the render time, and for the overview what its tiles and trend showed. */
async function visit(browser: Browser, url: string, { name, needs }: DashboardPage): Promise<RenderSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const done = await page.waitForFunction(renderedPage, needs, { polling: 'raf', timeout: RENDER_TIMEOUT_MS });
    const ms = (await done.jsonValue()) as number | string;
    if (typeof ms === 'string') throw new Error(`${name} (${url}) showed an ${ms}`);
    const shown = await page.evaluate(() => {
      const tiles = [...document.querySelectorAll('[data-testid="kpi-tile"]')];
      return {
        marks: document.querySelectorAll('[data-testid="trend-chart"] g.role-mark path').length,
        tiles: tiles.length,
        tilesWithNumbers: tiles.filter((tile) => /\d/.test(tile.querySelector('[data-testid="kpi-value"]')?.textContent ?? '')).length,
      };
    });
    return { ms, ...shown };
  } finally {
    await context.close();
  }
}
