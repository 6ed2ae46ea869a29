// User journey: below the trend, read the selected measure on a county map of the latest complete
// year, then download the chart's rows as CSV. A real server and warehouse; Debian's chromium through
// playwright-core (no downloaded browsers), launched as in overview.test.ts.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoBrowser } from '../helpers/demo-browser.ts';
import { NO_COLOUR_FILL } from '../../core/charts/build-county-map-spec.ts';
import type { Dimensions, MeasureResult, Meta } from '../../core/api/api-types.ts';
import { messages } from '../../core/charts/messages.ts';
import { lastCompleteYear } from '../../client/src/overview/summarize-kpi.ts';
import { splitCsvLine } from '../helpers/csv-line.ts';

const MEASURE = 'diabetes-prevalence';
// Data marks of the map: one path per county; the hatching and borders are layers of their own.
const countyPaths = '[data-testid="county-map"] g.mark-shape.role-mark.counties_marks path';
const hatchPaths = '[data-testid="county-map"] g.mark-shape.role-mark.suppressed_hatching_marks path';

const demo = useDemoBrowser();
const api = demo.api;
let page: Page;

beforeAll(async () => {
  page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
});

describe('county map', () => {
  it('draws one path per county of the data, filled with a colour unless suppressed', async () => {
    const { county: counties } = await api<Dimensions>('/api/dimensions');
    const meta = await api<Meta>('/api/meta');
    const year = String(lastCompleteYear(meta.dateRange.end));
    const byCounty = await api<MeasureResult>(`/api/measures/${MEASURE}?by=county&period=year`);
    const latest = byCounty.rows.filter((row) => row.period === year);
    expect(latest.map((row) => row.county).sort()).toEqual([...counties].sort());
    const estimates = latest.filter((row) => !row.suppressed && row.rate !== null);
    const suppressed = latest.filter((row) => row.suppressed);
    expect(estimates.length).toBeGreaterThan(0);

    await page.goto(`${demo.server.url}/?measure=${MEASURE}`);
    await page.locator(countyPaths).nth(counties.length - 1).waitFor();

    // The state's other counties (too few people to be listed) are drawn too, without a colour.
    expect(await page.locator(countyPaths).count()).toBeGreaterThanOrEqual(counties.length);
    const paths = await page.locator(countyPaths).evaluateAll((nodes) =>
      nodes.map((node) => ({
        fill: node.getAttribute('fill'),
        label: node.getAttribute('aria-label') ?? '',
        d: node.getAttribute('d') ?? '',
      })),
    );
    // Every county of the data is on the map once, under its API name, with an outline.
    for (const county of counties) {
      expect(paths.filter((path) => path.label.includes(`County: ${county};`)), county).toHaveLength(1);
    }
    expect(paths.every((path) => path.d.length > 20)).toBe(true);
    // Coloured exactly where there is an estimate; suppressed counties grey and hatched.
    expect(paths.filter((path) => path.fill && path.fill !== NO_COLOUR_FILL)).toHaveLength(estimates.length);
    expect(await page.locator(hatchPaths).count()).toBe(suppressed.length);
    const heading = await page.locator('[data-testid="county-panel"]').textContent();
    expect(heading).toContain(`Diabetes prevalence by county`);
    expect(heading).toContain(`${year}, the latest complete year`);
    if (suppressed.some((row) => row.suppressionReason !== 'complementary')) {
      const legends = await page.locator('[data-testid="county-map"] .role-legend').allTextContents();
      expect(legends.join(' ')).toContain(messages.mapSuppressed());
    }

    // The tooltip names the county, its rate and its CI.
    const estimate = estimates[0];
    await page.locator(countyPaths).and(page.locator(`[aria-label*="County: ${estimate.county};"]`)).hover();
    const tooltip = page.locator('#vg-tooltip-element');
    await expect.poll(() => tooltip.textContent()).toContain(estimate.county!);
    expect(await tooltip.textContent()).toContain(estimate.rate!.toFixed(1));
    expect(await tooltip.textContent()).toContain('95% CI');

    if (process.env.POPSIGHT_MAP_SCREENSHOT) {
      await page.screenshot({ path: process.env.POPSIGHT_MAP_SCREENSHOT, fullPage: true });
    }
  });

  it('follows the filters of the page', async () => {
    const byCounty = await api<MeasureResult>(`/api/measures/${MEASURE}?by=county&period=year&sex=F`);
    const meta = await api<Meta>('/api/meta');
    const year = String(lastCompleteYear(meta.dateRange.end));
    const estimates = byCounty.rows.filter((row) => row.period === year && !row.suppressed && row.rate !== null);

    await page.goto(`${demo.server.url}/?measure=${MEASURE}&sex=F`);
    await page.locator(countyPaths).first().waitFor();
    await expect
      .poll(() => page.locator('[data-testid="county-panel"] .panel__sub').textContent())
      .toContain('Sex: Female');
    const fills = await page.locator(countyPaths).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('fill')));
    expect(fills.filter((fill) => fill !== NO_COLOUR_FILL)).toHaveLength(estimates.length);
  });
});

describe('export', () => {
  // The CSV the dashboard writes is the API's file for the same view, byte for byte and by name (issue
  // 17: the trend's and the map's downloads used to share one name, then carried `#` lines where the
  // API has constant columns naming filters, cohort, unit, adjustment and data version).
  async function apiCsv(path: string): Promise<{ filename: string; text: string }> {
    const response = await fetch(new URL(path, demo.server.url), { headers: { Accept: 'text/csv' } });
    expect(response.status, path).toBe(200);
    const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? '';
    return { filename, text: await response.text() };
  }

  it("downloads the trend's rows as the API's CSV of the view, with the filter and data version in it", async () => {
    const meta = await api<Meta>('/api/meta');
    const expected = await apiCsv(`/api/measures/${MEASURE}?period=year&sex=F`);

    await page.goto(`${demo.server.url}/?measure=${MEASURE}&sex=F`);
    const button = page.locator('section[aria-labelledby="trend-title"]').getByRole('button', { name: 'Download CSV' });
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);

    expect(download.suggestedFilename()).toBe(expected.filename);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${MEASURE}_year_sex-F_\\d{4}-\\d{4}_crude_percent_data-${meta.dataVersion.slice(0, 8)}\\.csv$`));
    const content = await readFile((await download.path())!, 'utf8');
    expect(content).toBe(expected.text);
    const [header, first] = content.split('\r\n').map(splitCsvLine);
    const column = (name: string) => first[header.indexOf(name)];
    expect(column('filters')).toBe('sex=F');
    expect(column('dataVersion')).toBe(meta.dataVersion);
    expect(column('adjustment')).toBe('crude');
  });

  it("downloads the map's rows by county from the county panel, under another name than the trend's", async () => {
    const expected = await apiCsv(`/api/measures/${MEASURE}?period=year&by=county`);
    await page.goto(`${demo.server.url}/?measure=${MEASURE}`);
    const button = page.locator('[data-testid="county-panel"]').getByRole('button', { name: 'Download CSV' });
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);

    expect(download.suggestedFilename()).toBe(expected.filename);
    expect(download.suggestedFilename()).toContain('_by-county_');
    expect(await readFile((await download.path())!, 'utf8')).toBe(expected.text);
  });
});
