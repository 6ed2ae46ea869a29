// User journey: a keyboard user reaches a chart's points and a map's counties (issue 17: "points and
// counties are reachable by mouse only"). Only keys drive the page: Tab to the chart, arrows through
// the points; what is announced (the aria-live line under the chart) is checked against the API's
// numbers, written out here from the JSON; the focus is drawn in the chart; Enter on a county filters
// every page as a click does. A real server and warehouse, Debian's chromium through playwright-core.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoBrowser } from '../helpers/demo-browser.ts';
import type { MeasureResult, MeasureRow, Meta } from '../../core/api/api-types.ts';
import { lastCompleteYear } from '../../client/src/overview/summarize-kpi.ts';

const demo = useDemoBrowser();
const api = demo.api;

/** Presses Tab until the focus is on `selector`'s first match (keyboard only: no click, no focus()). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let guard = 0; guard < 60; guard++) {
    if (await page.evaluate((s) => document.activeElement === document.querySelector(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Presses a key and returns what the chart then announces. */
async function press(page: Page, scope: string, key: string): Promise<string> {
  const line = page.locator(`${scope} [data-testid="chart-focus"]`).first();
  const before = await line.textContent();
  await page.keyboard.press(key);
  await expect.poll(() => line.textContent()).not.toBe(before);
  return (await line.textContent()) ?? '';
}

const pct = (value: number) => `${value.toFixed(1)}%`;
/** What a percentage cell says, written from the API's row. */
function said(row: MeasureRow): string {
  if (row.suppressed) return row.suppressionReason === 'complementary' ? 'suppressed to protect small cells' : 'suppressed (fewer than 11 people)';
  return `rate ${pct(row.rate!)}, 95% CI ${pct(row.ciLow!)} to ${pct(row.ciHigh!)}; ${row.numerator!.toLocaleString('en-US')} of ${row.denominator!.toLocaleString('en-US')}`;
}

describe('keyboard access to chart points', () => {
  it('steps through a trend period by period and series by series, saying each point as the API has it, and draws the focus', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const result = await api<MeasureResult>('/api/measures/diabetes-prevalence?period=year&by=sex');
    const series = [...new Set(result.rows.map((row) => row.sex!))];
    const periods = [...new Set(result.rows.map((row) => row.period))].sort();
    const cell = (s: number, p: number) => result.rows.find((row) => row.sex === series[s] && row.period === periods[p])!;
    const name = (sex: string) => ({ F: 'Female', M: 'Male' })[sex] ?? sex;

    await page.goto(`${demo.server.url}/explore?measure=diabetes-prevalence&by=sex`);
    const figure = '[data-testid="chart-figure"]';
    await page.locator(`${figure} g.mark-line.role-mark path`).first().waitFor();
    await tabTo(page, `${figure} [data-testid="keyboard-chart"]`);
    expect(await page.locator(`${figure} [data-testid="keyboard-chart"]`).getAttribute('aria-label')).toContain('Diabetes prevalence');
    // Before any key, a screen reader reads the chart's name and a summary of its latest period (each series as the API has it), not tick labels.
    const latest = periods.length - 1;
    const chart = page.locator(`${figure} [data-testid="keyboard-chart"]`);
    const description = await chart.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim()).join(' '));
    const summary = `Latest period: ${[0, 1].map((s) => `${name(series[s]!)}, ${periods[latest]}: ${said(cell(s, latest))}`).join('; ')}.`;
    expect(description.startsWith(`${summary} Arrow keys move`)).toBe(true);
    expect(await page.locator(`${figure} [data-testid="keyboard-chart"] svg`).evaluate((svg) => svg.closest('[aria-hidden="true"]') !== null)).toBe(true);

    // The first key puts the focus on the first series' first period.
    expect(await press(page, figure, 'ArrowRight')).toBe(`${name(series[0]!)}, ${periods[0]}: ${said(cell(0, 0))}`);
    expect(await press(page, figure, 'ArrowRight')).toBe(`${name(series[0]!)}, ${periods[1]}: ${said(cell(0, 1))}`);
    expect(await press(page, figure, 'ArrowDown')).toBe(`${name(series[1]!)}, ${periods[1]}: ${said(cell(1, 1))}`);
    expect(await press(page, figure, 'End')).toBe(`${name(series[1]!)}, ${periods.at(-1)}: ${said(cell(1, periods.length - 1))}`);

    // The focused point is ringed where the chart draws its point, and its period is marked by a line.
    const ring = page.locator(`${figure} g.focus_point_marks path`);
    await expect.poll(() => ring.count()).toBe(1);
    expect(await page.locator(`${figure} g.focus_period_marks line`).count()).toBe(1);
    const label = `${name(series[1]!)}, ${periods.at(-1)}:`;
    const point = page.locator(`${figure} g.role-mark path[aria-label^="${label}"], ${figure} g.role-mark path[aria-label*="${label}"]`).first();
    const [ringBox, pointBox] = [await ring.boundingBox(), await point.boundingBox()];
    expect(Math.abs(ringBox!.x + ringBox!.width / 2 - (pointBox!.x + pointBox!.width / 2))).toBeLessThan(1.5);
    expect(Math.abs(ringBox!.y + ringBox!.height / 2 - (pointBox!.y + pointBox!.height / 2))).toBeLessThan(1.5);

    // Escape drops the focus: nothing is ringed.
    await page.keyboard.press('Escape');
    await expect.poll(() => ring.count()).toBe(0);
    await page.close();
  });

  it("reaches the Overview trend's points too, one series without a stratum name", async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const result = await api<MeasureResult>('/api/measures/diabetes-prevalence?period=year');
    const rows = [...result.rows].sort((a, b) => a.period.localeCompare(b.period));
    await page.goto(`${demo.server.url}/?measure=diabetes-prevalence`);
    const chart = '[data-testid="trend-chart"]';
    await page.locator(`${chart} g.mark-line.role-mark path`).first().waitFor({ state: 'attached' });
    await tabTo(page, `${chart} [data-testid="keyboard-chart"]`);
    expect(await press(page, chart, 'ArrowRight')).toBe(`${rows[0]!.period}: ${said(rows[0]!)}`);
    expect(await press(page, chart, 'End')).toBe(`${rows.at(-1)!.period}: ${said(rows.at(-1)!)}`);
    await expect.poll(() => page.locator(`${chart} g.focus_point_marks path`).count()).toBe(1);
    await page.close();
  });

  it('says a suppressed cell in words when the keys reach it', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const result = await api<MeasureResult>('/api/measures/diabetes-prevalence?period=year&by=county');
    const series = [...new Set(result.rows.map((row) => row.county!))];
    const periods = [...new Set(result.rows.map((row) => row.period))].sort();
    const hidden = result.rows.find((row) => row.suppressed);
    expect(hidden, 'the demo has a suppressed county-year at 800 people').toBeDefined();

    await page.goto(`${demo.server.url}/explore?measure=diabetes-prevalence&by=county`);
    const figure = '[data-testid="chart-figure"]';
    // A county's first segment may be a single period: a line of no length, drawn but not "visible".
    await page.locator(`${figure} g.mark-line.role-mark path`).first().waitFor({ state: 'attached' });
    await tabTo(page, `${figure} [data-testid="keyboard-chart"]`);
    let text = await press(page, figure, 'ArrowRight');
    for (let s = 0; s < series.indexOf(hidden!.county!); s++) text = await press(page, figure, 'ArrowDown');
    for (let p = 0; p < periods.indexOf(hidden!.period); p++) text = await press(page, figure, 'ArrowRight');
    expect(text).toBe(`${hidden!.county}, ${hidden!.period}: ${said(hidden!)}`);
    // A suppressed cell has no point to ring, but its period is marked.
    await expect.poll(() => page.locator(`${figure} g.focus_period_marks line`).count()).toBe(1);
    expect(await page.locator(`${figure} g.focus_point_marks path`).count()).toBe(0);
    await page.close();
  });

  it("steps through the map's counties in name order, saying each as the API has it, and Enter filters by the county", async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const meta = await api<Meta>('/api/meta');
    const year = String(lastCompleteYear(meta.dateRange.end));
    const rows = (await api<MeasureResult>('/api/measures/diabetes-prevalence?period=year&by=county')).rows.filter((row) => row.period === year);

    await page.goto(`${demo.server.url}/places?measure=diabetes-prevalence`);
    const map = '[data-testid="county-map"]';
    const paths = page.locator(`${map} g.counties_marks path`);
    await paths.first().waitFor();
    const counties = await paths.count();
    await tabTo(page, `${map} [data-testid="keyboard-chart"]`);
    const heard = [await press(page, map, 'ArrowDown')];
    for (let i = 1; i < counties; i++) heard.push(await press(page, map, 'ArrowDown'));

    // Every county once, in name order; those the API lists say its numbers, or that they are hidden.
    const names = heard.map((line) => line.slice(0, line.indexOf(`, ${year}: `)));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(new Set(names).size).toBe(counties);
    for (const row of rows) {
      const line = heard.find((text) => text.startsWith(`${row.county}, ${year}: `));
      expect(line, row.county).toBeDefined();
      if (row.suppressed) expect(line).toContain('suppressed');
      else expect(line).toBe(`${row.county}, ${year}: rate ${row.rate!.toFixed(1)}%, 95% CI ${row.ciLow!.toFixed(1)}–${row.ciHigh!.toFixed(1)}; numerator ${row.numerator!.toLocaleString('en-US')}, denominator ${row.denominator!.toLocaleString('en-US')}; ${row.unreliable ? 'unreliable (RSE > 30% or fewer than 20 events)' : 'reliable'}`);
    }
    // The focused county is outlined on the map.
    expect(await page.locator(`${map} g.focus_marks path`).count()).toBe(1);

    // Home, then Enter: the first listed county becomes the filter of every page, as a click makes it.
    const listed = rows.map((row) => row.county!).sort((a, b) => a.localeCompare(b));
    let text = await press(page, map, 'Home');
    while (!listed.some((county) => text.startsWith(`${county}, `))) text = await press(page, map, 'ArrowDown');
    const county = listed.find((c) => text.startsWith(`${c}, `))!;
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('county') === county);
    await expect.poll(() => page.locator('[data-testid="county-filter"]').textContent()).toContain(county);
    await page.close();
  });
});
