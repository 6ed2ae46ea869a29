// User journey (issue 17): the researcher's question, "How did HbA1c control change by county and race
// since 2019, is the change significant, and are the rates age-adjusted?", answered on the Explore page
// without the API: two stratifiers, a window from 2019, age-adjusted rates, the annual percent change
// read from the page and checked against a least-squares fit by hand on the API's published rates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fetchJson, launchChromium } from '../helpers/browser.ts';
import { startDemoServer } from '../helpers/test-server.ts';
import type { MeasureResult } from '../../core/api/api-types.ts';

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;

/** APC = 100 (e^b − 1), b the least-squares slope of ln(rate) on year (SEER's definition), by hand. */
function apcByHand(points: readonly [year: number, rate: number][]): number {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + Math.log(y), 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - meanX) * (Math.log(y) - meanY);
    sxx += (x - meanX) ** 2;
  }
  return 100 * (Math.exp(sxy / sxx) - 1);
}

beforeAll(async () => {
  // Enough people that some county × race strata of HbA1c control are shown in three or more years
  // (4,000 since the demo's diabetes is at Massachusetts's rate, about 9% of adults: 2,500 showed none).
  server = await startDemoServer({ people: 4_000, seed: 11 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the researcher's question", () => {
  it('shows HbA1c control by county and race since 2019, age-adjusted, with the APC per stratum', async () => {
    await page.goto(`${server.url}/explore`);
    await page.locator('#explore-measure option[value="hba1c-control"]').waitFor({ state: 'attached' });
    await page.selectOption('#explore-measure', 'hba1c-control');
    await page.selectOption('#explore-by-1', 'county');
    await page.selectOption('#explore-by-2', 'race');
    await page.selectOption('#explore-from', '2019');
    await page.locator('#explore-adjust').check();
    await page.waitForURL((url) => {
      const p = url.searchParams;
      return p.get('measure') === 'hba1c-control' && p.get('by') === 'county,race' && p.get('from') === '2019' && p.get('adjust') === 'age';
    });

    // The rates say they are age-adjusted: beside the controls and in each chart's own title.
    // (The URL changes first; the page redraws on the next tick, so the text is awaited, not read at once.)
    await expect.poll(() => page.locator('[data-testid="adjustment"]').textContent(), { timeout: 30_000 }).toMatch(/^Age-adjusted rates/);
    await expect.poll(() => page.locator('[data-testid="chart-figure"] .role-title-subtitle').first().textContent(), { timeout: 30_000 }).toMatch(/^Age-adjusted rates/);

    // The APC of every stratum with three or more shown years since 2019, fitted by hand on the API's rates.
    const published = await fetchJson<MeasureResult>(server.url, '/api/measures/hba1c-control?period=year&by=county,race&adjust=age');
    const expected = new Map<string, number>();
    const strata = new Set(published.rows.map((row) => JSON.stringify({ county: row.county, race: row.race })));
    for (const key of strata) {
      const { county, race } = JSON.parse(key) as { county: string; race: string };
      const points = published.rows
        .filter((row) => row.county === county && row.race === race && Number(row.period) >= 2019)
        .filter((row) => !row.suppressed && typeof row.adjustedRate === 'number' && row.adjustedRate > 0)
        .map((row): [number, number] => [Number(row.period), row.adjustedRate!]);
      if (points.length >= 3) expected.set(key, apcByHand(points));
    }
    expect(expected.size).toBeGreaterThan(0);

    const rows = page.locator('[data-testid="apc-row"]');
    await expect.poll(() => rows.count()).toBe(strata.size);
    let compared = 0;
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const key = JSON.stringify(JSON.parse((await row.getAttribute('data-stratum'))!) as object);
      const apc = expected.get(key);
      if (apc === undefined) {
        expect(await row.textContent()).toContain('No APC');
        continue;
      }
      const shown = (await row.locator('[data-testid="apc-value"]').textContent())!;
      expect(Number(shown.replace('%', ''))).toBeCloseTo(apc, 1);
      const p = Number((await row.locator('[data-testid="apc-p"]').textContent())!.replace('< ', ''));
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(await row.textContent()).toContain(p < 0.05 ? 'Significant' : 'No significant change');
      compared++;
    }
    expect(compared).toBe(expected.size);

    // The table shows the window only: no period before 2019.
    const periods = await page.locator('[data-testid="data-table"] tbody tr td:first-child').allTextContents();
    expect(periods.length).toBeGreaterThan(0);
    expect(periods.every((period) => Number(period) >= 2019)).toBe(true);
  });
});
