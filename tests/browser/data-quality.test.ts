// User journey (issue 18): an administrator opens the Data quality page after loads of a broken
// extract (two patients with impossible birth dates, whose rows are orphaned through the other files;
// the second load adds an encounter after a death) and finds the file and rule of each quarantined
// row group, the failing checks by name, each check's history and the load history; the numbers
// shown are the API's. A server with sign-in tells an analyst, in words, that the page is for admins.
// Real loads, server, state store and Debian's chromium through playwright-core.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt } from '../../cli/build-client.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { users } from '../../core/accounts/users.ts';
import { formatCount } from '../../core/charts/format.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { openStateStore, type StateStore } from '../../server/state/state-store.ts';
import { signInMessages } from '../../client/src/sign-in/sign-in-messages.ts';
import { fetchJson, launchChromium } from '../helpers/browser.ts';
import { appendLines, copyOfNj27, firstRow, rewriteFile } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Json = Record<string, any>;
/** Two patients of nj27 whose birth dates are made impossible: every row of theirs becomes an orphan. */
const BROKEN_PATIENTS: Record<string, [string, string]> = {
  '6cf3d1b9-4d5e-8bb3-51f4-e047a6386c38': ['2024-01-03', '2024-02-30'],
  '347efff6-86d5-bbd7-b570-ab9a7f43f97b': ['2013-12-31', '2013-13-31'],
};
const DEAD_PATIENT = '261ad2a4-7c6f-da54-6a5b-3441beab9a6a'; // died 1976-07-25
const shown = (count: number | null) => (count === null ? 'hidden' : formatCount(count));

describe('the Data quality page after loads of a broken extract', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-quality-page-'));
  const warehouse = join(dir, 'w.duckdb');
  /** Per file, the lines of the extract that carry a broken patient's id (counted here, from the CSV text). */
  const brokenLines = new Map<string, number>();
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const api = <T = Json>(path: string) => fetchJson<T>(server.url, path);

  beforeAll(async () => {
    const extract = copyOfNj27();
    rewriteFile(extract, 'patients.csv', (text) =>
      Object.entries(BROKEN_PATIENTS).reduce((t, [id, [good, bad]]) => t.replace(`${id},${good},`, `${id},${bad},`), text),
    );
    for (const file of readdirSync(extract).filter((f) => f.endsWith('.csv'))) {
      const lines = readFileSync(join(extract, file), 'utf8').split('\n').filter((line) => Object.keys(BROKEN_PATIENTS).some((id) => line.includes(id)));
      if (lines.length) brokenLines.set(file, lines.length);
    }
    await loadExtract({ source: extract, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    const enc = firstRow(extract, 'encounters.csv');
    appendLines(extract, 'encounters.csv', [enc.map((v, i) => ({ 0: 'q-after-death', 1: '1977-08-01T10:00:00Z', 2: '1977-08-01T10:30:00Z', 3: DEAD_PATIENT } as Record<number, string>)[i] ?? v).join(',')]);
    await loadExtract({ source: extract, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    rmSync(join(extract, '..'), { recursive: true, force: true });
    copyFileSync(warehouse, join(dir, 'copy.duckdb')); // for the server with sign-in: one server per file
    const clientDir = await ensureClientBuilt(() => undefined);
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1', clientDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 600_000); // two loads, the dashboard's build and a browser: minutes on a busy machine

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens from the navigation with the keyboard', async () => {
    await page.goto(server.url);
    const link = page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Data quality' });
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/quality');
    await page.getByTestId('checks-table').waitFor();
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(await page.title()).toBe('Data quality · Popsight');
  });

  it('finds the file and rule of each quarantined row group, with the API’s counts and no identifier', async () => {
    const quarantine = await api('/api/quarantine');
    const rows = page.getByTestId('quarantine-group');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(quarantine.groups.length);
    for (const [index, group] of quarantine.groups.entries()) {
      const row = rows.nth(index);
      expect([await row.getByTestId('group-file').textContent(), await row.getByTestId('group-field').textContent(), await row.getByTestId('group-reason').textContent()])
        .toEqual([group.file, group.field ?? '(whole row)', group.reason]);
      expect(await row.getByTestId('group-rows').textContent()).toBe(shown(group.rows));
    }
    // The rules, from the breakage made here: the two birth dates, then orphans in every file that had their rows.
    const groupOf = (file: string) => quarantine.groups.filter((g: Json) => g.file === file);
    expect(groupOf('patients.csv')).toMatchObject([{ field: 'birthdate', reason: 'missing or unparseable date' }]);
    const filesWithOrphans = new Set(quarantine.groups.filter((g: Json) => g.reason.startsWith('orphan reference')).map((g: Json) => g.file));
    expect(filesWithOrphans.size).toBeGreaterThanOrEqual(5);
    for (const file of filesWithOrphans as Set<string>) expect(brokenLines.has(file), file).toBe(true);
    // Each file count shown equals the lines of that file that carry a broken patient's id (the encounter after a death loads).
    const run = (await api('/api/loads')).runs[0];
    for (const file of run.files.filter((f: Json) => f.quarantined !== null && f.quarantined > 0)) {
      expect(file.quarantined, file.file).toBe(brokenLines.get(file.file));
    }
    const text = (await page.getByTestId('quality-quarantine').textContent())!;
    for (const id of [...Object.keys(BROKEN_PATIENTS), DEAD_PATIENT]) expect(text).not.toContain(id);
  });

  it('names the failing checks and filters the table by status and category', async () => {
    const report = await api('/api/quality');
    const failing = report.checks.filter((c: Json) => c.status === 'fail');
    expect(failing.map((c: Json) => c.id)).toContain('encounter-after-death');
    const summary = (await page.getByTestId('quality-summary').textContent())!;
    expect(summary).toContain(`${report.summary.passed} of ${report.summary.checks} checks pass`);
    for (const check of failing) expect(summary).toContain(check.id);

    const ids = () => page.getByTestId('check-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-check')));
    expect(await ids()).toEqual(report.checks.map((c: Json) => c.id));
    await page.getByRole('combobox', { name: 'Status' }).selectOption('fail');
    expect(await ids()).toEqual(failing.filter((c: Json) => c.severity === 'error').map((c: Json) => c.id));
    await page.getByRole('combobox', { name: 'Status' }).selectOption('all');
    await page.getByRole('combobox', { name: 'Category' }).selectOption('completeness');
    expect(await ids()).toEqual(report.checks.filter((c: Json) => c.category === 'completeness').map((c: Json) => c.id));
    await page.getByRole('combobox', { name: 'Category' }).selectOption('all');

    for (const check of report.checks) {
      const row = page.locator(`[data-testid="check-row"][data-check="${check.id}"]`);
      expect([await row.getByTestId('rows-failed').textContent(), await row.getByTestId('rows-checked').textContent()], check.id).toEqual([shown(check.rowsFailed), shown(check.rowsChecked)]);
    }
  });

  it('sorts the checks by a column from the keyboard', async () => {
    const sortButton = page.locator('[data-testid="checks-table"] button[data-column="state"]');
    await sortButton.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-testid="checks-table"] th:has(button[data-column="state"])').getAttribute('aria-sort')).toBe('ascending');
    const states = await page.getByTestId('check-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state')));
    const rank = { fail: 0, warn: 1, pass: 2 } as Record<string, number>;
    expect(states.map((s) => rank[s!])).toEqual([...states.map((s) => rank[s!])].sort((a, b) => a - b));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-column'))).toBe('state'); // the focus stays on the header
  });

  it('shows each check’s history across both loads: encounter-after-death is new in the second', async () => {
    const history = await api('/api/quality/history');
    expect(history.runs).toHaveLength(2);
    const row = page.locator('[data-testid="check-row"][data-check="encounter-after-death"]');
    expect(await row.getByTestId('check-change').textContent()).toBe('New');
    const entries = row.getByTestId('check-history').locator('li');
    expect(await entries.count()).toBe(2);
    expect(await entries.nth(0).getAttribute('title')).toMatch(/^Run 1 of 2: passes, /);
    expect(await entries.nth(1).getAttribute('title')).toMatch(/^Run 2 of 2: fails \(new\), hidden of [\d,]+ rows fail$/);
    for (const check of history.checks) {
      const shownRow = page.locator(`[data-testid="check-row"][data-check="${check.id}"]`);
      const titles = await shownRow.getByTestId('check-history').locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('title')));
      expect(titles.map((t) => /: (fails|passes)/.exec(t!)![1]), check.id).toEqual(check.runs.map((r: Json) => (r.status === 'fail' ? 'fails' : 'passes')));
    }
  });

  it('lists both loads with the API’s counts and data versions', async () => {
    const { runs } = await api('/api/loads');
    const meta = await api('/api/meta');
    const rows = page.getByTestId('load-row');
    expect(await rows.count()).toBe(2);
    for (const [index, run] of runs.entries()) {
      const row = rows.nth(index);
      expect([
        await row.getByTestId('load-read').textContent(),
        await row.getByTestId('load-loaded').textContent(),
        await row.getByTestId('load-quarantined').textContent(),
        await row.getByTestId('load-version').textContent(),
      ]).toEqual([shown(run.read), shown(run.loaded), shown(run.quarantined), run.dataVersion]);
    }
    expect(runs[0].dataVersion).toBe(meta.dataVersion);
    if (process.env.POPSIGHT_SCREENSHOT) await page.screenshot({ path: process.env.POPSIGHT_SCREENSHOT.replace(/(\.png)?$/, '-quality.png'), fullPage: true });
  });

  describe('signed in as an analyst', () => {
    let store: StateStore;
    let signedIn: RunningServer;

    beforeAll(async () => {
      const stateDir = join(dir, 'state');
      store = await openStateStore(stateDir, { clock: () => new Date(), newId: () => randomBytes(8).toString('hex') });
      await users(store.accounts.users, { clock: () => new Date(), randomBytes }).add('ana', 'analyst', 'ana-password-12', { all: true });
      signedIn = await startServer({ warehouse: join(dir, 'copy.duckdb'), port: 0, host: '127.0.0.1', stateDir, clientDir: await ensureClientBuilt(() => undefined), signIn: {} });
    });
    afterAll(async () => {
      await signedIn?.close();
      await store?.close();
    });

    it('says in words that the page is for administrators, with the API’s reason', async () => {
      await page.goto(`${signedIn.url}/quality`);
      await page.getByLabel(signInMessages.userLabel()).fill('ana');
      await page.getByLabel(signInMessages.passwordLabel()).fill('ana-password-12');
      await page.getByRole('button', { name: signInMessages.submit() }).click();
      const notice = page.getByTestId('quality-forbidden');
      await notice.waitFor();
      expect(await notice.getByRole('alert').textContent()).toContain('Only administrators can see the data-quality details.');
      expect(await notice.textContent()).toContain('admin');
      expect(await page.getByTestId('checks-table').count()).toBe(0);
    });
  });
});
