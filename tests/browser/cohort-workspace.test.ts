// User journey (issue 18): a researcher builds a cohort from nothing on the Cohorts page, watches its
// size and attrition follow the criteria, saves it, characterizes it, compares it with another saved
// cohort, and applies it as a filter on Explore (a picker of saved cohorts, no typed id). The sizes
// shown are the API's answers for the same definition (estimates while editing, the exact size when
// counted), and no count of 1–10 is shown on these pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startDemoServer } from '../helpers/test-server.ts';

type Json = Record<string, any>;

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;

const post = async (path: string, body: unknown): Promise<Json> => {
  const response = await fetch(new URL(path, server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.ok, `${path} → ${response.status}`).toBe(true);
  return (await response.json()) as Json;
};
const get = async (path: string): Promise<Json> => (await (await fetch(new URL(path, server.url))).json()) as Json;
const shown = (value: number | null) => (value === null ? 'suppressed (fewer than 11)' : value.toLocaleString('en-US'));

/** Every count on the page: each [data-count] cell's text, and any table cell that is a bare whole number. None may be 1–10. */
async function expectNoSmallCounts(where: string): Promise<void> {
  const found = await page.evaluate(() => {
    const cells = [...document.querySelectorAll('main [data-count], main td')].map((el) => (el.textContent ?? '').trim());
    return cells.filter((text) => /^\d[\d,]*$/.test(text)).map((text) => Number(text.replaceAll(',', '')));
  });
  expect(found.length, `${where}: counts on the page`).toBeGreaterThan(0);
  expect(found.filter((n) => n >= 1 && n <= 10), `${where}: counts of 1–10`).toEqual([]);
}

async function settled(): Promise<void> {
  await page.locator('[data-testid="cohort-size-box"][aria-busy="false"]').waitFor({ timeout: 60_000 });
}

beforeAll(async () => {
  server = await startDemoServer({ people: 1_500, seed: 11 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the cohort workspace', () => {
  const women40Hypertension = { all: [{ sex: 'F' }, { age: { min: 40 } }, { condition: { group: 'hypertension' } }] };

  it('builds a cohort from nothing, with the size and attrition the API gives for the same definition, and saves it', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('nav[aria-label="Pages"] a[data-page="cohorts"]').click();
    await page.waitForURL((url) => url.pathname === '/cohorts');
    // The defaults are stated before anything is chosen.
    const defaults = await page.locator('[data-testid="cohort-defaults"]').textContent();
    expect(defaults).toContain('The index date is the last day of data');
    expect(defaults).toContain('Nobody is dropped');
    await expect.poll(() => page.locator('[data-testid="cohort-incomplete"]').textContent()).toContain('Add a criterion');

    // By keyboard: the "add a criterion" select takes a kind, and its fields are labelled controls.
    await page.selectOption('#cohort-add', 'sex');
    await page.locator('#criterion-1-f').check();
    await page.selectOption('#cohort-add', 'age');
    await page.getByLabel('Lowest age (years)').fill('40');
    await page.selectOption('#cohort-add', 'condition');
    await page.selectOption('#criterion-3-group', 'hypertension');
    await settled();

    // While editing, the builder shows the API's estimates (rounded, never refused) for the size and each step.
    const estimate = await post('/api/cohorts/estimate', { criteria: women40Hypertension });
    expect(estimate.size.suppressed).toBe(false);
    expect(estimate.size.value % 100).toBe(0);
    expect(await page.locator('[data-testid="cohort-size"]').textContent()).toBe(shown(estimate.size.value));
    const rows = page.locator('[data-testid="attrition-row"]');
    await expect.poll(() => rows.count()).toBe(3);
    for (const [i, step] of (estimate.steps as Json[]).entries()) {
      const text = (await rows.nth(i).locator('td').nth(1).textContent())!.trim();
      expect(text).toBe(shown(step.size.value));
    }
    // The exact (perturbed) size is asked for on purpose, and is the preview's.
    await page.locator('[data-testid="cohort-count"]').click();
    await page.locator('[data-testid="cohort-exact-size"], [data-testid="cohort-exact-refused"]').waitFor({ timeout: 60_000 });
    const preview = await post('/api/cohorts/preview', { criteria: women40Hypertension });
    expect(await page.locator('[data-testid="cohort-exact-size"]').textContent()).toBe(shown(preview.size.value));
    await expectNoSmallCounts('builder');

    await page.locator('#cohort-name').fill('Women 40+ with hypertension');
    await page.locator('#cohort-save').click();
    await expect.poll(() => page.locator('[data-testid="cohort-saved"]').textContent()).toBe("Saved as 'Women 40+ with hypertension'.");
    await expect.poll(() => page.locator('[data-testid="saved-cohort"] th').allTextContents()).toEqual(['Women 40+ with hypertension']);
  });

  it('renames a saved cohort in place', async () => {
    const row = page.locator('[data-testid="saved-cohort"]').first();
    await row.locator('[data-action="rename"]').click();
    await page.getByLabel('New name for Women 40+ with hypertension').fill('Hypertensive women 40+');
    await page.getByLabel('New name for Women 40+ with hypertension').press('Enter');
    await expect.poll(() => page.locator('[data-testid="saved-cohort"] th').allTextContents()).toEqual(['Hypertensive women 40+']);
    expect(((await get('/api/cohorts')).cohorts as Json[]).map((c) => c.name)).toEqual(['Hypertensive women 40+']);
  });

  it('characterizes it and compares it with another saved cohort, each number as the API published it', async () => {
    const men = await post('/api/cohorts', { name: 'Hypertensive men 40+', criteria: { all: [{ sex: 'M' }, { age: { min: 40 } }, { condition: { group: 'hypertension' } }] } });
    const [women] = (await get('/api/cohorts')).cohorts as Json[];
    await page.reload();
    await page.locator(`[data-testid="saved-cohort"][data-id="${women!.id}"] [data-action="characterize"]`).click();
    await page.waitForURL((url) => url.pathname === '/cohorts/profile' && url.searchParams.get('a') === women!.id);

    const characterization = await get(`/api/cohorts/${women!.id}/characterization`);
    await expect.poll(() => page.locator('[data-testid="profile-size"]').textContent()).toBe(shown(characterization.size.value));
    const sexCells = await page.locator('[data-testid="profile-sex"] tbody tr td:first-of-type').allTextContents();
    expect(sexCells).toEqual((characterization.breakdowns.sex as Json[]).map((r) => shown(r.count)));
    // Values in words, as every other page names them (not the API's codes F, M, ckd, copd).
    const named = { F: 'Female', M: 'Male' } as Record<string, string>;
    expect(await page.locator('[data-testid="profile-sex"] tbody th').allTextContents()).toEqual((characterization.breakdowns.sex as Json[]).map((r) => named[r.value as string] ?? r.value));
    const groups = await page.locator('[data-testid="profile-conditions"] tbody th').allTextContents();
    expect(groups).toEqual(expect.arrayContaining(['Chronic kidney disease', 'COPD', 'Coronary artery disease', 'Heart failure']));
    await page.locator('[data-testid="profile-cost"]').waitFor();
    await expectNoSmallCounts('characterization');

    await page.selectOption('#profile-b', men.id);
    await page.waitForURL((url) => url.searchParams.get('b') === men.id);
    const comparison = await get(`/api/cohorts/compare?a=${women!.id}&b=${men.id}`);
    const sizes = page.locator('[data-testid="comparison-sizes"] td');
    await expect.poll(() => sizes.allTextContents()).toEqual([shown(comparison.a.size.value), shown(comparison.b.size.value), shown(comparison.overlap.value)]);
    // Sex: all women in A, all men in B: the difference of the share of women is +100 points.
    const female = page.locator('[data-testid="comparison-row"][data-characteristic="sex"][data-value="F"] [data-testid="comparison-difference"]');
    const femaleRow = (comparison.rows as Json[]).find((r) => r.characteristic === 'sex' && r.value === 'F')!;
    expect(femaleRow.difference).toBe(1);
    expect(await female.textContent()).toBe('+100.0 pts');
    expect(await page.locator('[data-testid="comparison-row"]').count()).toBe((comparison.rows as Json[]).length);
    await expectNoSmallCounts('comparison');
  });

  it('applies the cohort as a filter on Explore, chosen from the saved cohorts by name', async () => {
    const [women] = (await get('/api/cohorts')).cohorts as Json[];
    await page.locator('nav[aria-label="Pages"] a[data-page="cohorts"]').click();
    const apply = page.locator(`[data-testid="saved-cohort"][data-id="${women!.id}"] [data-action="apply"]`);
    await apply.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/explore' && url.searchParams.get('cohort') === women!.id);
    // The picker names the cohort; the measure is asked for its members only, and shown.
    await expect.poll(() => page.locator('#explore-cohort option:checked').textContent()).toBe('Hypertensive women 40+');
    await expect.poll(() => page.locator('[data-testid="context"]').textContent()).toContain('cohort: Hypertensive women 40+');
    await page.locator('[data-testid="data-table"]').waitFor({ timeout: 60_000 });
    // The filter follows to every other page: Costs and use asks for every measure for the cohort's members, and says so.
    const asked: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/measures/')) asked.push(request.url());
    });
    await page.locator('nav[aria-label="Pages"] a[data-page="costs"]').click();
    await page.waitForURL((url) => url.pathname === '/costs' && url.searchParams.get('cohort') === women!.id);
    await expect.poll(() => page.locator('[data-testid="cohort-filter"]').textContent()).toContain('cohort Hypertensive women 40+ only');
    await page.locator('[data-testid="measure-section"] [data-testid="chart-figure"]').first().waitFor({ state: 'attached', timeout: 60_000 });
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((u) => new URL(u).searchParams.get('cohort') !== women!.id)).toEqual([]);
    // And it comes off with one button, for every page.
    await page.getByRole('button', { name: 'Remove the cohort filter' }).click();
    await page.waitForURL((url) => url.pathname === '/costs' && url.searchParams.get('cohort') === null);
    expect(await page.locator('[data-testid="cohort-filter"]').count()).toBe(0);
  });
});
