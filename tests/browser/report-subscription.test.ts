// User journey (issue 19, acceptance 1): a view on Explore becomes a report e-mail without the
// command line. Subscribe to the view (a bad time zone is named under its field first), find the
// report on the Reports page, send it now, and read the message from the outbox in the page: the
// chart as an image whose alt text states the API's numbers, and the values table equal to the
// table built from the API's rows for the same view; then edit its recipients and schedule, pause
// and resume it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureClientBuilt } from '../../cli/build-client.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import type { MeasureResult } from '../../core/api/api-types.ts';
import { altText, valuesTable } from '../../core/reports/view-summary.ts';
import { fetchJson, launchChromium } from '../helpers/browser.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

const home = mkdtempSync(join(tmpdir(), 'popsight-report-journey-'));
let built: TestWarehouse;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  built = await buildTestWarehouse({ people: 800, seed: 11 });
  const clientDir = await ensureClientBuilt(() => undefined);
  server = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', clientDir, stateDir: join(home, 'state'), reports: { home, pollMs: 3_600_000 } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  built?.remove();
  rmSync(home, { recursive: true, force: true });
});

describe('subscribing to a view', () => {
  it('subscribes on Explore, sends from the Reports page, and shows the message with its chart and values', async () => {
    await page.goto(`${server.url}/explore?measure=diabetes-prevalence&by=sex&period=year`);
    await page.locator('[data-testid="chart-figure"]').first().waitFor();

    // By keyboard: the button opens the form, whose first field has a label.
    await page.locator('#subscribe-view').focus();
    await page.keyboard.press('Enter');
    const name = page.getByLabel('Report name');
    await name.waitFor();
    expect(await name.inputValue()).toBe('Diabetes prevalence');
    // The default schedule: Mondays 07:00 in the browser's own time zone.
    expect(await page.getByLabel(/^Schedule/).inputValue()).toBe('0 7 * * 1');
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(await page.getByLabel('Time zone (IANA)').inputValue()).toBe(zone);

    await name.fill('Monday diabetes');
    await page.getByLabel(/^Recipients/).fill('director@example.org');
    await page.getByLabel('Time zone (IANA)').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    // The server's refusal is shown under the field it names.
    const zoneError = page.locator('#subscribe-timeZone-error');
    await zoneError.waitFor();
    expect(await zoneError.textContent()).toContain("'Mars/Olympus' is not an IANA time zone");
    expect(await page.getByLabel('Time zone (IANA)').getAttribute('aria-invalid')).toBe('true');
    expect((await fetchJson<{ reports: unknown[] }>(server.url, '/api/reports')).reports).toEqual([]);

    await page.getByLabel('Time zone (IANA)').fill('UTC');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Subscribed' }).count(), { timeout: 30_000 }).toBe(1);

    // The report on the Reports page.
    await page.getByRole('link', { name: 'See it on the Reports page' }).click();
    await page.waitForURL((url) => url.pathname === '/reports');
    const row = page.locator('[data-testid="reports-table"] tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const cells = await row.first().locator('th, td').allTextContents();
    expect(cells.slice(0, 7)).toEqual(['Monday diabetes', '1', 'director@example.org', 'Mondays 07:00 (UTC)', expect.any(String), 'never run', 'Active']);
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Reports');

    // Send now, then the run and its delivery.
    await page.getByRole('button', { name: 'Open Monday diabetes' }).click();
    await page.locator('#report-send-now').click();
    await expect.poll(() => page.locator('[data-testid="report-status"]').textContent(), { timeout: 60_000 }).toMatch(/^Sent now: sent, 1 of 1 recipients reached\./);
    await page.locator('[data-testid="runs-table"]').waitFor();
    expect(await page.locator('[data-testid="runs-table"] tbody tr').first().textContent()).toContain('director@example.org: sent');

    // The outbox message, in the page.
    const message = page.locator('[data-testid="outbox-table"] tbody tr');
    await message.first().waitFor();
    expect(await message.first().locator('td').nth(1).textContent()).toBe('director@example.org');
    await message.first().getByRole('button', { name: /^Show the message/ }).click();
    const frame = page.frameLocator('[data-testid="outbox-message"]');
    const image = frame.locator('img').first();
    await image.waitFor();
    expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    // Drawn at twice the e-mail's 640 × 320 CSS pixels, as the renderer draws the dashboard's spec.
    expect(await image.evaluate((img: HTMLImageElement) => [img.naturalWidth >= 1280, img.naturalHeight >= 640, img.complete])).toEqual([true, true, true]);

    const result = await fetchJson<MeasureResult>(server.url, '/api/measures/diabetes-prevalence?period=year&by=sex');
    const summary = { title: result.measure.title, rows: result.rows, period: 'year' as const, by: ['sex'] as const, unit: result.measure.unit, unitLabel: result.measure.unitLabel };
    expect(await image.getAttribute('alt')).toBe(altText(summary));
    const expected = valuesTable(summary);
    const headers = await frame.locator('table thead th').allTextContents();
    const rows = await frame.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(headers).toEqual(expected.headers);
    expect(rows).toEqual(expected.rows);
    expect(rows.length).toBeGreaterThan(0);

    // Edit the recipients and schedule and ask for the PDF, then pause and resume: the table says so each time.
    await page.locator('#report-edit').click();
    await page.getByLabel(/^Recipients/).fill('director@example.org, analyst@example.org');
    await page.getByLabel(/^Schedule/).fill('30 8 * * 2');
    const pdfBox = page.getByRole('checkbox', { name: /^Also attach a PDF of the whole report/ });
    expect(await pdfBox.isChecked()).toBe(false);
    await pdfBox.check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.first().locator('td').nth(1).textContent(), { timeout: 30_000 }).toBe('director@example.org, analyst@example.org');
    expect(await row.first().locator('td').nth(2).textContent()).toBe('Tuesdays 08:30 (UTC)');
    const { reports: saved } = await fetchJson<{ reports: { pdf: boolean }[] }>(server.url, '/api/reports');
    expect(saved.map((r) => r.pdf)).toEqual([true]);
    await page.locator('#report-pause').click();
    await expect.poll(() => row.first().locator('td').nth(5).textContent(), { timeout: 30_000 }).toBe('Paused (paused by hand)');
    await page.locator('#report-pause').click();
    await expect.poll(() => row.first().locator('td').nth(5).textContent(), { timeout: 30_000 }).toBe('Active');
  }, 240_000);
});
