// User journeys across the dashboard's pages (issue 17) on a real server and warehouse, in Debian's
// chromium through playwright-core: Back and Forward step through views; a URL's unknown parameters are
// named; a county clicked on the Places map filters the other pages; every page works by keyboard; the
// first load asks for nothing twice, and a chart's table is built once opened or printed; a click on a
// map's first picture reaches its live view; at 390 px the trend's legend is not clipped; PNG and CSV
// exports carry the view in their names and contents.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoBrowser } from '../helpers/demo-browser.ts';
import { splitCsvLine } from '../helpers/csv-line.ts';
import type { MeasureResult, Meta } from '../../core/api/api-types.ts';

const demo = useDemoBrowser();
const api = demo.api;
const countyPaths = '[data-testid="county-map"] g.mark-shape.role-mark.counties_marks path';

async function newPage(width = 1280): Promise<Page> {
  return demo.browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
}

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

/** Where to click a county of the map: the first county whose box's centre lies on the county itself (a hooked or island county's may not), and what its outline says. */
async function clickableCounty(page: Page): Promise<{ x: number; y: number; label: string }> {
  const paths = page.locator(countyPaths);
  for (let i = 0; i < (await paths.count()); i++) {
    const box = (await paths.nth(i).boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    if (await paths.nth(i).evaluate((path, { x, y }) => document.elementFromPoint(x, y) === path, centre)) return { ...centre, label: (await paths.nth(i).getAttribute('aria-label')) ?? '' };
  }
  throw new Error('no county of the map can be clicked at its centre');
}

describe('dashboard pages', () => {
  it('steps through views with Back and Forward, each page with its state in the URL', async () => {
    const page = await newPage();
    await page.goto(`${demo.server.url}/?measure=diabetes-prevalence`);
    await page.locator('h2#trend-title').waitFor();
    await page.selectOption('#by', 'sex');
    await page.waitForURL((url) => url.searchParams.get('by') === 'sex');
    await page.locator('nav[aria-label="Pages"] a[data-page="explore"]').click();
    await page.waitForURL((url) => url.pathname === '/explore');
    expect(await page.locator('#explore-by-1').inputValue()).toBe('sex');
    await page.selectOption('#explore-by-2', 'race');
    await page.waitForURL((url) => url.searchParams.get('by') === 'sex,race');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Explore');

    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('by') === 'sex' && url.pathname === '/explore');
    expect(await page.locator('#explore-by-2').inputValue()).toBe('');
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/');
    await page.locator('h2#trend-title').waitFor();
    expect(await page.locator('#by').inputValue()).toBe('sex');
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('by') === null);
    expect(await page.locator('#by').inputValue()).toBe('');
    // Still in the app: Back went to the first view, not out of the dashboard.
    expect(new URL(page.url()).origin).toBe(demo.server.url);

    await page.goForward();
    await page.goForward();
    await page.waitForURL((url) => url.pathname === '/explore' && url.searchParams.get('by') === 'sex');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Explore');
    await page.close();
  });

  it('names the unknown parameters and values of a URL instead of dropping them silently', async () => {
    const page = await newPage();
    await page.goto(`${demo.server.url}/explore?measure=ed-visits-per-1000&by=planet&colour=blue`);
    const notices = page.locator('[data-testid="url-notices"]');
    await notices.waitFor();
    expect(await notices.textContent()).toContain('by=planet was ignored');
    expect(await notices.textContent()).toContain('Unknown URL parameter colour=blue was ignored');
    await page.close();
  });

  it('filters every page by the county clicked on the Places map; the filter stays through the pages', async () => {
    const page = await newPage();
    await page.goto(`${demo.server.url}/places?measure=diabetes-prevalence`);
    await page.locator(countyPaths).first().waitFor();
    const byCounty = await api<MeasureResult>('/api/measures/diabetes-prevalence?period=year&by=county');
    const shown = page.locator('[data-testid="data-table"] tbody tr');
    const year = await page.locator('#places-year').inputValue();
    expect(await shown.count()).toBe(byCounty.rows.filter((row) => row.period === year).length);

    // The ranked table: the first row has the highest rate of that year's shown counties.
    const best = byCounty.rows.filter((row) => row.period === year && row.rate !== null).sort((a, b) => b.rate! - a.rate!)[0];
    expect(await shown.first().locator('td').nth(1).textContent()).toContain(best.county);

    // A mouse click on a county of the map sets the county filter.
    const target = await clickableCounty(page);
    await page.mouse.click(target.x, target.y);
    await page.waitForURL((url) => url.searchParams.get('county') !== null);
    const county = param(page, 'county')!;
    expect(byCounty.rows.map((row) => row.county)).toContain(county);
    expect(await page.locator('[data-testid="county-filter"]').textContent()).toContain(county);

    await page.locator('nav a[data-page="overview"]').click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(param(page, 'county')).toBe(county);
    expect(await page.locator('#filter-county').inputValue()).toBe(county);
    const filtered = await api<MeasureResult>(`/api/measures/diabetes-prevalence?period=year&county=${encodeURIComponent(county)}`);
    const tile = page.locator('[data-testid="kpi-tile"][data-measure="diabetes-prevalence"]');
    await expect.poll(() => tile.locator('[data-testid="kpi-filters"]').textContent()).toContain(`County: ${county}`);
    const latest = filtered.rows.filter((row) => row.rate !== null).at(-1)!;
    await expect.poll(() => tile.textContent()).toContain(latest.period);

    await page.locator('nav a[data-page="costs"]').click();
    await page.waitForURL((url) => url.pathname === '/costs');
    expect(await page.locator('[data-testid="context"]').textContent()).toContain(`County: ${county}`);
    await page.close();
  });

  it("hands a click on a fresh map's picture to its live view: the county clicked before the chart library loaded filters the page", async () => {
    const page = await newPage();
    // The chart library is held back until the click is made, so the click lands on the server's picture.
    let release!: () => void;
    const clicked = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/vega\.module-[^/]*\.js$/, async (route) => {
      await clicked;
      await route.continue();
    });
    await page.goto(`${demo.server.url}/places?measure=diabetes-prevalence`);
    const canvas = page.locator('[data-testid="county-map"] [data-chart]');
    await expect.poll(() => canvas.getAttribute('data-chart')).toBe('first-paint');
    const target = await clickableCounty(page);
    const county = /County: ([^;]+);/.exec(target.label)?.[1];
    expect(county).toBeTruthy();
    await page.mouse.click(target.x, target.y);
    expect(await canvas.getAttribute('data-chart')).toBe('first-paint');
    release();
    await page.waitForURL((url) => url.searchParams.get('county') !== null);
    expect(param(page, 'county')).toBe(county);
    expect(await canvas.getAttribute('data-chart')).toBe('live');
    await page.close();
  });

  it('asks for nothing twice on a first load of the overview, even when the warehouse facts arrive last', async () => {
    const page = await newPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) requests.push(request.url());
    });
    // The facts (/api/meta: which year is complete) held back until the county rows are in: the map is
    // still drawn once, for the complete year, not first for the latest year and again when they come.
    let countyRowsIn!: () => void;
    const rowsIn = new Promise<void>((resolve) => (countyRowsIn = resolve));
    page.on('response', (response) => {
      if (response.url().includes('by=county')) countyRowsIn();
    });
    await page.route('**/api/meta', async (route) => {
      await rowsIn;
      await route.continue();
    });
    await page.goto(`${demo.server.url}/?measure=diabetes-prevalence`);
    await page.locator('[data-testid="trend-chart"] g.mark-line.role-mark path').first().waitFor();
    await page.locator(countyPaths).first().waitFor();
    // Once the map's live view has replaced its picture, a second drawing would have been asked for.
    await expect.poll(() => page.locator('[data-testid="county-map"] [data-chart]').getAttribute('data-chart'), { timeout: 20_000 }).toBe('live');
    expect(requests.some((url) => url.endsWith('/api/measures/diabetes-prevalence?period=year'))).toBe(true);
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((url) => url.endsWith('/api/charts/county-map.svg'))).toHaveLength(1);
    expect(requests.filter((url, i) => requests.indexOf(url) !== i)).toEqual([]);
    await page.close();
  });

  it("asks for the Costs page's sections beside the measure catalog, not after it, for nothing twice, and builds a table only when it is opened or printed", async () => {
    const page = await newPage();
    const requests: string[] = [];
    const events: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      // A chart drawing is a POST of its chart: the same path, each with its own body.
      if (url.pathname.startsWith('/api/')) requests.push(`${url.pathname}${url.search}${request.method() === 'POST' ? ` ${request.postData()}` : ''}`);
      events.push(`asked ${url.pathname}${url.search}`);
    });
    page.on('response', (response) => events.push(`answered ${new URL(response.url()).pathname}`));
    await page.goto(`${demo.server.url}/costs`);
    const sections = page.locator('[data-testid="measure-section"]');
    await sections.first().waitFor();
    // Every section's rows, the encounter classes' too, are asked for before the catalog has answered.
    await expect.poll(() => events.indexOf('answered /api/measures')).toBeGreaterThanOrEqual(0);
    const catalogAnswered = events.indexOf('answered /api/measures');
    for (const named of ['/api/measures/cost-pmpm?period=year', '/api/measures/cost-pmpm?period=year&by=payer', '/api/measures/ed-visits-per-1000/trend?period=year', '/api/measures/cost-pmpm-wellness?period=year']) {
      expect(events.indexOf(`asked ${named}`), named).toBeGreaterThanOrEqual(0);
      expect(events.indexOf(`asked ${named}`), `${named} asked before the catalog answered`).toBeLessThan(catalogAnswered);
    }
    // Every section the page shows draws its chart, and nothing was asked twice.
    await expect
      .poll(() => page.evaluate(() => [...document.querySelectorAll('[data-testid="measure-section"]')].every((section) => section.querySelector('[data-testid="chart-figure"] g.role-mark path'))))
      .toBe(true);
    expect(requests.filter((url, i) => requests.indexOf(url) !== i)).toEqual([]);

    // No section's table is built until its disclosure opens; printing builds and shows them all, and
    // afterwards each disclosure is as it was.
    const count = await sections.count();
    const tables = page.locator('[data-testid="measure-section"] [data-testid="data-table"]');
    expect(await tables.count()).toBe(0);
    await sections.nth(1).locator('summary').click();
    await expect.poll(() => sections.nth(1).locator('[data-testid="data-table"] tbody tr').count()).toBeGreaterThan(0);
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    expect(await tables.count()).toBe(count);
    expect(await page.locator('[data-testid="measure-section"] details[open]').count()).toBe(count);
    await page.evaluate(() => dispatchEvent(new Event('afterprint')));
    await expect.poll(() => page.locator('[data-testid="measure-section"] details[open]').count()).toBe(1);
    expect(await sections.nth(1).locator('details').getAttribute('open')).not.toBeNull();
    await page.close();
  });

  it("asks for a fresh Explore view's rows and trend once, though the app asks for them beside the page's code", async () => {
    const page = await newPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) requests.push(`${url.pathname}${url.search}${request.method() === 'POST' ? ` ${request.postData()}` : ''}`);
    });
    await page.goto(`${demo.server.url}/explore?measure=diabetes-prevalence&by=sex,race&adjust=age`);
    await page.locator('[data-testid="apc-row"]').first().waitFor();
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-testid="chart-figure"] g.role-mark path').length)).toBeGreaterThan(0);
    expect(requests.filter((url) => url.startsWith('/api/measures/diabetes-prevalence')).sort()).toEqual(
      ['/api/measures/diabetes-prevalence?period=year&by=sex,race&adjust=age', '/api/measures/diabetes-prevalence/trend?period=year&by=sex,race&adjust=age'].sort(),
    );
    expect(requests.filter((url, i) => requests.indexOf(url) !== i)).toEqual([]);
    await page.close();
  });

  it("shows a fresh page's trend charts first as the server's drawings, then as live views, and later charts live at once", async () => {
    const page = await newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
    // Every state each chart passes through, in order (the element's data-chart: first-paint, then live).
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { chartStates: seen });
      new MutationObserver((records) => {
        for (const record of records) seen.push(`${(record.target as HTMLElement).closest('[data-testid="measure-section"]')?.getAttribute('aria-labelledby')}:${(record.target as HTMLElement).dataset.chart}`);
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-chart'] });
    });
    await page.goto(`${demo.server.url}/costs`);
    const sections = page.locator('[data-testid="measure-section"]');
    await sections.first().waitFor();
    // Each section by its heading's id (the total and by-payer sections show the same measure).
    const measures = await sections.evaluateAll((all) => all.map((section) => section.getAttribute('aria-labelledby')!));
    await expect.poll(() => page.locator('[data-testid="measure-section"] [data-chart="live"]').count(), { timeout: 30_000 }).toBe(measures.length);
    const states = (await page.evaluate(() => (window as unknown as { chartStates: string[] }).chartStates)) as string[];
    for (const measure of measures) expect(states.filter((state) => state.startsWith(`${measure}:`)), measure).toEqual([`${measure}:first-paint`, `${measure}:live`]);
    // One drawing per chart, and the chart library asked for only once every drawing had been asked for.
    const drawings = requests.flatMap((request, i) => (request === 'POST /api/charts/trend.svg' ? [i] : []));
    expect(drawings.length).toBe(measures.length);
    const library = requests.findIndex((request) => /\/assets\/vega\.module-[\w-]+\.js$/.test(request));
    expect(library).toBeGreaterThan(drawings.at(-1)!);
    // The live view's marks are the ones the arrow keys and exports use; the page's next chart (a new stratifier on Explore) is drawn live, with no drawing asked for.
    await page.locator('nav[aria-label="Pages"] a[data-page="explore"]').click();
    await page.waitForURL((url) => url.pathname === '/explore');
    await page.locator('[data-testid="chart-figure"] [data-chart="live"] g.mark-line.role-mark path').first().waitFor({ state: 'attached' });
    expect(requests.filter((request) => request === 'POST /api/charts/trend.svg').length).toBe(measures.length);
    await page.close();
  });

  it('works by keyboard only: the pages, a stratifier, sorting the table and filtering by a county', async () => {
    const page = await newPage();
    await page.goto(`${demo.server.url}/places?measure=diabetes-prevalence`);
    await page.locator('[data-testid="data-table"] tbody tr').first().waitFor();
    // Tab to the rate column's sort button and press Enter: ascending, then Enter again: descending.
    const sortRate = page.locator('[data-testid="data-table"] th button[data-column="rate"]');
    await sortRate.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => sortRate.locator('..').getAttribute('aria-sort')).toBe('ascending');
    await page.keyboard.press('Enter');
    await expect.poll(() => sortRate.locator('..').getAttribute('aria-sort')).toBe('descending');
    // Tab onward to the first county's button and press Enter: the county filter is set.
    let guard = 0;
    while (!(await page.evaluate(() => document.activeElement?.classList.contains('pick'))) && guard++ < 40) await page.keyboard.press('Tab');
    const county = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('county') !== null);
    expect(param(page, 'county')).toBe(county);

    // To the navigation by Shift+Tab and to Explore by Enter; the page's heading is reached.
    const explore = page.locator('nav a[data-page="explore"]');
    await explore.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/explore');
    await page.locator('#explore-by-1').focus();
    await page.keyboard.press('ArrowDown'); // first stratifier option after "None"
    await page.waitForURL((url) => url.searchParams.get('by') !== null);
    expect(param(page, 'county')).toBe(county);
    await page.close();
  });

  it('keeps the trend legend inside the page at 390 px wide', async () => {
    const page = await newPage(390);
    await page.goto(`${demo.server.url}/?measure=diabetes-prevalence&by=county`);
    const legend = page.locator('[data-testid="trend-chart"] .role-legend');
    await legend.waitFor();
    const chart = await page.locator('[data-testid="trend-chart"]').boundingBox();
    const box = await legend.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(chart!.x - 1);
    expect(box!.x + box!.width).toBeLessThanOrEqual(chart!.x + chart!.width + 1);
    // Every county's label (long names) is drawn whole inside the svg; race shows too few strata at this size since the demo has Massachusetts's mix.
    const svg = await page.locator('[data-testid="trend-chart"] svg').first().boundingBox();
    const labels = page.locator('[data-testid="trend-chart"] .role-legend-label text');
    expect(await labels.count()).toBeGreaterThan(1);
    for (let i = 0; i < (await labels.count()); i++) {
      const label = await labels.nth(i).boundingBox();
      expect(label!.x + label!.width).toBeLessThanOrEqual(svg!.x + svg!.width + 1);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('exports a chart as PNG and CSV named for the view, with the view and the API\'s numbers inside', async () => {
    const page = await newPage();
    const meta = await api<Meta>('/api/meta');
    await page.goto(`${demo.server.url}/explore?measure=diabetes-prevalence&by=sex&from=2018`);
    const figure = page.locator('[data-testid="chart-figure"]').first();
    await figure.locator('g.mark-line.role-mark path').first().waitFor();

    const [png] = await Promise.all([page.waitForEvent('download'), figure.locator('[data-testid="export-png"]').click()]);
    expect(png.suggestedFilename()).toMatch(new RegExp(`^diabetes-prevalence_year_by-sex_2018-\\d{4}_crude_percent_data-${meta.dataVersion.slice(0, 8)}\\.png$`));
    const image = await readFile((await png.path())!);
    expect([...image.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    // The CSV is the API's file for the same view (name and bytes), whose constant columns say the view.
    const response = await fetch(new URL('/api/measures/diabetes-prevalence?period=year&by=sex&from=2018', demo.server.url), { headers: { Accept: 'text/csv' } });
    const apiName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
    const apiText = await response.text();
    const [csv] = await Promise.all([page.waitForEvent('download'), figure.locator('[data-testid="export-csv"]').click()]);
    expect(csv.suggestedFilename()).toBe(apiName);
    expect(csv.suggestedFilename()).toBe(png.suggestedFilename().replace(/\.png$/, '.csv'));
    const text = await readFile((await csv.path())!, 'utf8');
    expect(text).toBe(apiText);
    const [header, ...data] = text.trimEnd().split('\r\n').map(splitCsvLine);
    expect(header.slice(0, 6)).toEqual(['period', 'sex', 'numerator', 'denominator', 'rate', 'ciLow']);
    const at = (name: string) => header.indexOf(name);
    expect(data.every((fields) => fields[at('measureTitle')] === 'Diabetes prevalence' && fields[at('adjustment')] === 'crude' && fields[at('dataVersion')] === meta.dataVersion && fields[at('fromYear')] === '2018')).toBe(true);
    const api2018 = (await api<MeasureResult>('/api/measures/diabetes-prevalence?period=year&by=sex')).rows.filter((row) => Number(row.period) >= 2018);
    expect(data.map((fields) => [fields[0], fields[1], fields[at('rate')]])).toEqual(
      api2018.map((row) => [row.period, row.sex, row.rate === null ? '' : String(row.rate)]),
    );
    await page.close();
  });
});
