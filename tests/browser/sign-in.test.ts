// User journey: sign in to the dashboard of a server with sign-in on, browse, be signed out by the
// idle timeout (on the server's injected clock) and sign in again where one was, then sign out.
// A real server, state store and warehouse; Debian's chromium through playwright-core.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureClientBuilt } from '../../cli/build-client.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { users } from '../../core/accounts/users.ts';
import { openStateStore, type StateStore } from '../../server/state/state-store.ts';
import { signInMessages } from '../../client/src/sign-in/sign-in-messages.ts';
import { activeElementId, launchChromium } from '../helpers/browser.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

const MINUTE = 60_000;
const USER = 'ann';
const PASSWORD = 'ann-password-12';
const kpiValue = (id: string) => `[data-testid="kpi-tile"][data-measure="${id}"] [data-testid="kpi-value"]`;

describe('signing in to the dashboard', () => {
  let now = Date.parse('2025-03-03T09:00:00Z');
  const clock = () => new Date(now);
  let built: TestWarehouse;
  let store: StateStore;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  const form = () => page.getByTestId('sign-in');
  const notice = () => page.getByTestId('sign-in-notice');
  const submit = () => page.getByRole('button', { name: signInMessages.submit() });
  /** What GET /api/session answers the page (with its cookie, if it has one). */
  const sessionStatus = () => page.evaluate(async () => (await fetch('/api/session')).status);

  beforeAll(async () => {
    built = await buildTestWarehouse({ people: 800, seed: 11 });
    const stateDir = join(built.dir, 'state');
    store = await openStateStore(stateDir, { clock, newId: () => randomBytes(8).toString('hex') });
    await users(store.accounts.users, { clock, randomBytes }).add(USER, 'analyst', PASSWORD, { all: true });
    const clientDir = await ensureClientBuilt(() => undefined);
    server = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir, clientDir, signIn: { clock } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    built?.remove();
  });

  it('shows the sign-in page, and no data, to a visitor without a session', async () => {
    await page.goto(server.url);
    await form().waitFor();
    expect(await notice().textContent()).toContain(signInMessages.intro());
    expect(await page.getByLabel(signInMessages.userLabel()).getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel(signInMessages.passwordLabel()).getAttribute('type')).toBe('password');
    await expect.poll(() => activeElementId(page)).toBe('sign-in-user');
    expect(await page.getByTestId('kpi-tile').count()).toBe(0);
    expect(await page.getByTestId('meta').count()).toBe(0);
    expect(await page.getByTestId('account').count()).toBe(0);
    expect(await page.title()).toBe(`Popsight · ${signInMessages.title()}`);
  });

  it('says in words that a wrong password was refused, without moving the button, and asks for the password again', async () => {
    await page.getByLabel(signInMessages.userLabel()).fill(USER);
    await page.getByLabel(signInMessages.passwordLabel()).fill('not-her-password');
    const before = await submit().boundingBox();
    await submit().click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toBe(signInMessages.failed());
    expect(await submit().boundingBox()).toEqual(before);
    expect(await page.getByLabel(signInMessages.passwordLabel()).inputValue()).toBe('');
    expect(await page.getByLabel(signInMessages.passwordLabel()).getAttribute('aria-invalid')).toBe('true');
    expect(await activeElementId(page)).toBe('sign-in-password');
    expect(await sessionStatus()).toBe(401);
    if (process.env.POPSIGHT_SCREENSHOT) await page.screenshot({ path: process.env.POPSIGHT_SCREENSHOT.replace(/(\.png)?$/, '-sign-in.png') });
  });

  it('signs in with the right password: the overview with numbers, the user in the header, no token in storage', async () => {
    await page.getByLabel(signInMessages.passwordLabel()).fill(PASSWORD);
    await submit().click();
    const diabetes = page.locator(kpiValue('diabetes-prevalence'));
    await diabetes.waitFor();
    expect(await diabetes.textContent()).toMatch(/^\d[\d,]*\.\d+$/);
    await expect.poll(() => page.getByTestId('meta').textContent()).toMatch(/People\s*\d/);
    expect(await page.getByTestId('account').textContent()).toContain(signInMessages.signedInAs(USER, 'analyst'));
    expect(await form().count()).toBe(0);
    // The cookie is HttpOnly and the CSRF token stays in memory: nothing a script could read back.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, '']);
    expect(await sessionStatus()).toBe(200);
    if (process.env.POPSIGHT_SCREENSHOT) await page.screenshot({ path: process.env.POPSIGHT_SCREENSHOT.replace(/(\.png)?$/, '-signed-in.png') });
  });

  it('signs out from the header: the sign-in page says so and the session is gone on the server', async () => {
    await page.getByRole('button', { name: signInMessages.signOut() }).click();
    await form().waitFor();
    expect(await notice().textContent()).toContain(signInMessages.signedOut());
    expect(await page.getByTestId('kpi-tile').count()).toBe(0);
    expect(await page.getByTestId('account').count()).toBe(0);
    expect(await page.getByLabel(signInMessages.userLabel()).inputValue()).toBe('');
    await expect.poll(() => activeElementId(page)).toBe('sign-in-user');
    expect(await sessionStatus()).toBe(401);
  });

  it('signs in by keyboard alone: type, Tab, type, Tab to the button, Enter', async () => {
    await page.reload();
    await form().waitFor();
    await expect.poll(() => activeElementId(page)).toBe('sign-in-user');
    await page.keyboard.type(USER);
    await page.keyboard.press('Tab');
    expect(await activeElementId(page)).toBe('sign-in-password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(signInMessages.submit());
    await page.keyboard.press('Enter');
    await page.locator(kpiValue('diabetes-prevalence')).waitFor();
    // The focus goes to the page that came back, not to the top of the document.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
  });

  it('after 15 idle minutes the next action says the session ended and asks to sign in; signing in resumes that view', async () => {
    await page.locator('[data-testid="trend-chart"] g.mark-line.role-mark path').first().waitFor();
    now += 15 * MINUTE + 1000;
    // The next action: switch the trend to another measure from its KPI tile.
    await page.locator('[data-testid="kpi-tile"][data-measure="hypertension-prevalence"]').click();
    await form().waitFor();
    expect(await notice().textContent()).toContain(signInMessages.ended());
    expect(new URL(page.url()).searchParams.get('measure')).toBe('hypertension-prevalence');
    // Only the password is asked again.
    expect(await page.getByLabel(signInMessages.userLabel()).inputValue()).toBe(USER);
    await expect.poll(() => activeElementId(page)).toBe('sign-in-password');
    if (process.env.POPSIGHT_SCREENSHOT) await page.screenshot({ path: process.env.POPSIGHT_SCREENSHOT.replace(/(\.png)?$/, '-ended.png') });
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h2#trend-title').textContent()).toBe('Hypertension prevalence');
    expect(await page.locator(kpiValue('hypertension-prevalence')).textContent()).toMatch(/^\d[\d,]*\.\d+$/);
    expect(await page.getByTestId('account').textContent()).toContain(signInMessages.signedInAs(USER, 'analyst'));
  });

  it('sends the CSRF token with a change: sign-out is refused without it and accepted from the page', async () => {
    const refused = await page.evaluate(async () => (await fetch('/api/session', { method: 'DELETE' })).status);
    expect(refused).toBe(403);
    expect(await sessionStatus()).toBe(200);
    await page.getByRole('button', { name: signInMessages.signOut() }).click();
    await form().waitFor();
    expect(await sessionStatus()).toBe(401);
  });
});
