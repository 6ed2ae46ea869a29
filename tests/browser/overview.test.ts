// User journey: open the overview on a real server and warehouse, read the KPIs and the trend,
// then stratify by sex. Drives Debian's chromium through playwright-core (no downloaded browsers).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoBrowser } from '../helpers/demo-browser.ts';
import { countSuppressed, suppressionNote } from '../../core/charts/build-trend-spec.ts';
import type { MeasureInfo, MeasureResult, Meta } from '../../core/api/api-types.ts';

// Data marks only: legend swatches are symbol marks too, with role-legend-symbol.
const symbols = '[data-testid="trend-chart"] g.mark-symbol.role-mark path';
const lines = '[data-testid="trend-chart"] g.mark-line.role-mark path';
const bands = '[data-testid="trend-chart"] g.mark-area.role-mark path';

const demo = useDemoBrowser();
const api = demo.api;
let page: Page;

// What the chart can draw: cells neither suppressed nor empty (a stratum with nobody in a period has no rate).
const plotted = (result: MeasureResult) =>
  result.rows.filter((row) => !row.suppressed && row.rate !== null).length;

/** What the browser reported as blocked by the server's content security policy. */
const policyViolations: string[] = [];

beforeAll(async () => {
  page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
  });
});

describe('overview', () => {
  it('draws the trend of the first measure with one point per year, and KPI tiles with numbers', async () => {
    const { measures } = await api<{ measures: MeasureInfo[] }>('/api/measures');
    const meta = await api<Meta>('/api/meta');
    const first = measures[0];
    const series = await api<MeasureResult>(`/api/measures/${first.id}?period=year`);
    const years = Number(meta.dateRange.end.slice(0, 4)) - Number(meta.dateRange.start.slice(0, 4)) + 1;
    expect(series.rows.map((row) => row.period)).toHaveLength(years);

    await page.goto(demo.server.url);
    await page.locator(symbols).nth(plotted(series) - 1).waitFor();

    expect(await page.locator(symbols).count()).toBe(plotted(series));
    expect(await page.locator(lines).count()).toBe(1);
    expect(await page.locator(bands).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('measure')).toBe(first.id);
    expect(await page.locator('h2#trend-title').textContent()).toBe(first.title);
    await expect.poll(() => page.locator('[data-testid="meta"]').textContent()).toContain(
      meta.people.toLocaleString('en-US'),
    );

    // The featured tiles first; "Show all" gives every measure of the catalog a tile.
    const tiles = page.locator('[data-testid="kpi-tile"]');
    const featured = ['diabetes-prevalence', 'hypertension-prevalence', 'ed-visits-per-1000'];
    expect(measures.map((m) => m.id)).toEqual(expect.arrayContaining(featured));
    for (const id of featured) {
      const value = page.locator(`[data-testid="kpi-tile"][data-measure="${id}"] [data-testid="kpi-value"]`);
      await value.waitFor();
      expect(await value.textContent()).toMatch(/^\$?\d[\d,]*\.\d+$/);
    }
    // The diabetes tile shows the API's rate of the last complete year, to one decimal.
    const endsOnDecember31 = meta.dateRange.end.endsWith('-12-31');
    const lastYear = String(Number(meta.dateRange.end.slice(0, 4)) - (endsOnDecember31 ? 0 : 1));
    const diabetes = await api<MeasureResult>('/api/measures/diabetes-prevalence?period=year');
    const expected = diabetes.rows.find((row) => row.period === lastYear)?.rate;
    expect(expected).toBeTypeOf('number');
    const diabetesTile = page.locator('[data-testid="kpi-tile"][data-measure="diabetes-prevalence"]');
    expect(await diabetesTile.locator('[data-testid="kpi-value"]').textContent()).toBe(expected!.toFixed(1));
    expect(await diabetesTile.textContent()).toMatch(new RegExp(`${lastYear} · 95% CI \\d`));
    expect(await diabetesTile.getAttribute('aria-pressed')).toBe('true');

    if (process.env.POPSIGHT_SCREENSHOT) {
      await page.screenshot({ path: process.env.POPSIGHT_SCREENSHOT, fullPage: true });
    }

    await page.getByRole('button', { name: `Show all ${measures.length} measures` }).click();
    await page.waitForURL((url) => url.searchParams.get('tiles') === 'all');
    expect(await tiles.count()).toBe(measures.length);
  });

  it('stratifies by sex from the selector: the URL says so and two series are drawn', async () => {
    const first = (await api<{ measures: MeasureInfo[] }>('/api/measures')).measures[0];
    const bySex = await api<MeasureResult>(`/api/measures/${first.id}?period=year&by=sex`);

    await page.goto(demo.server.url);
    await page.locator(lines).first().waitFor();
    await page.selectOption('#by', 'sex');

    await page.waitForURL((url) => url.searchParams.get('by') === 'sex');
    await expect.poll(() => page.locator(lines).count()).toBe(2);
    await expect.poll(() => page.locator(symbols).count()).toBe(plotted(bySex));
    const legend = await page.locator('[data-testid="trend-chart"] .role-legend').textContent();
    expect(legend).toContain('Female');
    expect(legend).toContain('Male');
    expect(new URL(page.url()).searchParams.get('measure')).toBe(first.id);
  });

  it('restores a shared view from its URL and switches measure from a KPI tile', async () => {
    await page.goto(`${demo.server.url}/?measure=ed-visits-per-1000&by=sex&period=quarter`);
    await page.locator(lines).first().waitFor();
    expect(await page.locator('#measure').inputValue()).toBe('ed-visits-per-1000');
    expect(await page.locator('#by').inputValue()).toBe('sex');
    expect(await page.locator('#period').inputValue()).toBe('quarter');

    await page.locator('[data-testid="kpi-tile"][data-measure="hypertension-prevalence"]').click();
    await page.waitForURL((url) => url.searchParams.get('measure') === 'hypertension-prevalence');
    await expect.poll(() => page.locator('h2#trend-title').textContent()).toBe('Hypertension prevalence');
    expect(new URL(page.url()).searchParams.get('period')).toBe('quarter');
  });

  it('omits suppressed cells from the chart and says how many were suppressed', async () => {
    const query = 'measure=diabetes-prevalence&by=county&period=quarter';
    const result = await api<MeasureResult>(`/api/measures/diabetes-prevalence?${query.slice(query.indexOf('&') + 1)}`);
    expect(countSuppressed(result.rows)).toBeGreaterThan(0);

    await page.goto(`${demo.server.url}/?${query}`);
    const note = page.locator('[data-testid="suppression-note"]');
    await note.waitFor();
    expect(await note.textContent()).toContain(suppressionNote(result.rows));
    expect(await note.textContent()).toMatch(/\d+ cells? suppressed \(fewer than 11 people\)/);
    await expect.poll(() => page.locator(symbols).count()).toBe(plotted(result));
  });

  it("shows the API's error message for a measure that does not exist", async () => {
    await page.goto(`${demo.server.url}/?measure=no-such-measure`);
    // The trend panel says it; the county panel may say it too while the catalog is on its way
    // (it assumes a measure has counties until the catalog says otherwise).
    const alert = page.locator('[aria-labelledby="trend-title"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Unknown measure 'no-such-measure'");
    expect(await page.locator(symbols).count()).toBe(0);
  });

  it('draws every chart under the server\'s content security policy, with nothing blocked', async () => {
    const response = await page.goto(`${demo.server.url}/?measure=diabetes-prevalence&by=sex`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    await page.locator(symbols).first().waitFor();
    expect(policyViolations).toEqual([]);
  });
});
