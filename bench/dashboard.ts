// Section 5, dashboard: time from navigation start to the first complete render of the overview in
// headless chromium: the trend chart's SVG has its marks and no KPI tile is still loading (and
// they show numbers). First on a freshly started server (nothing cached), then on a warm one.
// Then every other page (issue 17), each opened first in a new browser context on a server that
// has not answered that page's requests yet, until its charts, tables and APC are drawn.
import { chromium } from 'playwright-core';
import type { BenchContext } from './context.ts';
import { startServerProcess } from './server-process.ts';
import { median } from './stats.ts';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const WARM_RUNS = 3;

export interface RenderSample {
  ms: number;
  marks: number;
  tiles: number;
  tilesWithNumbers: number;
}

export interface DashboardBench {
  chromium: string;
  /** First visit on a server that has answered nothing yet. */
  cold: RenderSample;
  /** Median of later visits, each in a new browser context (empty browser cache, warm server). */
  warmMs: number;
  warmRuns: number;
  /** First complete render of each other page, milliseconds from navigation start. */
  pages?: Record<string, number>;
}

/** The other pages, with what a complete render has (checked in the page by renderedPage). */
const PAGES = [
  { name: 'explore', path: '/explore?measure=diabetes-prevalence&by=sex,race&adjust=age' },
  { name: 'places', path: '/places?measure=diabetes-prevalence' },
  { name: 'costs', path: '/costs' },
  { name: 'library', path: '/library' },
] as const;

export async function benchDashboard(ctx: BenchContext, warehouse: string): Promise<DashboardBench> {
  const server = await startServerProcess(ctx, warehouse);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const visit = async (): Promise<RenderSample> => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(server.url, { waitUntil: 'commit' });
        const done = await page.waitForFunction(renderedOverview, undefined, { polling: 'raf', timeout: 300_000 });
        return (await done.jsonValue()) as RenderSample;
      } finally {
        await context.close();
      }
    };
    const cold = await visit();
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push((await visit()).ms);
    ctx.log(`  overview rendered in ${cold.ms.toFixed(0)} ms cold, ${median(warm).toFixed(0)} ms warm`);
    const pages: Record<string, number> = {};
    for (const { name, path } of PAGES) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}${path}`, { waitUntil: 'commit' });
        const done = await page.waitForFunction(renderedPage, name, { polling: 'raf', timeout: 300_000 });
        pages[name] = (await done.jsonValue()) as number;
      } finally {
        await context.close();
      }
      ctx.log(`  ${name} rendered in ${pages[name].toFixed(0)} ms`);
    }
    return { chromium: `Chromium ${browser.version()}`, cold, warmMs: median(warm), warmRuns: WARM_RUNS, pages };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Runs in the page: the render sample once the overview is complete, else false. */
function renderedOverview(): RenderSample | false {
  const marks = document.querySelectorAll('[data-testid="trend-chart"] g.role-mark path').length;
  const tiles = [...document.querySelectorAll('[data-testid="kpi-tile"]')];
  if (marks === 0 || tiles.length === 0 || tiles.some((tile) => tile.querySelector('[aria-busy="true"]'))) return false;
  const tilesWithNumbers = tiles.filter((tile) => /\d/.test(tile.querySelector('[data-testid="kpi-value"]')?.textContent ?? '')).length;
  if (tilesWithNumbers === 0) return false;
  return { ms: performance.now(), marks, tiles: tiles.length, tilesWithNumbers };
}

/** Runs in the page: milliseconds since navigation once the named page is complete, else false.
 * No function is assigned to a name in here: tsx would wrap it in a helper the page does not have. */
function renderedPage(name: string): number | false {
  const loading = [...document.querySelectorAll('[role="status"]')].some((el) => /Loading/.test(el.textContent ?? ''));
  let complete = false;
  if (name === 'explore') {
    complete =
      document.querySelectorAll('[data-testid="chart-figure"] g.role-mark path').length > 0 &&
      document.querySelectorAll('[data-testid="apc-row"]').length > 0 &&
      document.querySelectorAll('[data-testid="data-table"] tbody tr').length > 0;
  } else if (name === 'places') {
    complete =
      document.querySelectorAll('[data-testid="county-map"] g.role-mark path').length > 0 &&
      document.querySelectorAll('[data-testid="data-table"] tbody tr').length > 0;
  } else if (name === 'costs') {
    const sections = [...document.querySelectorAll('[data-testid="measure-section"]')];
    complete = sections.length > 0 && sections.every((section) => section.querySelector('g.role-mark path') !== null);
  } else if (name === 'library') {
    complete = document.querySelectorAll('[data-testid="library-measure"]').length > 0;
  }
  return complete && !loading ? performance.now() : false;
}
