// User journey with sign-in on: the administrator opens the one-time sign-in link the server printed,
// browses Explore and the Audit trail (filtered, chain verified); the link does not work twice; a
// viewer does not see the Audit trail in the navigation and is told plainly why the page is not for
// them; a viewer with no row rule is told they have no data access, not "Something went wrong".
// A real server, state store and warehouse; Debian's chromium through playwright-core.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureClientBuilt } from '../../cli/build-client.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { users } from '../../core/accounts/users.ts';
import { openStateStore } from '../../server/state/state-store.ts';
import { accessMessages } from '../../client/src/sign-in/access-messages.ts';
import { signInMessages } from '../../client/src/sign-in/sign-in-messages.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

const nav = (page: Page, id: string) => page.locator(`nav[aria-label="Pages"] a[data-page="${id}"]`);

describe('access in the dashboard', () => {
  let built: TestWarehouse;
  let server: RunningServer;
  let browser: Browser;
  let provider: TestProvider;
  let oidcServer: RunningServer;

  /** A fresh browser profile (no cookie) signed in with a user name and password. */
  async function signedIn(user: string, password: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(server.url);
    await page.getByTestId('sign-in').waitFor();
    await page.getByLabel(signInMessages.userLabel()).fill(user);
    await page.getByLabel(signInMessages.passwordLabel()).fill(password);
    await page.getByRole('button', { name: signInMessages.submit() }).click();
    await page.getByTestId('account').waitFor();
    return page;
  }

  beforeAll(async () => {
    built = await buildTestWarehouse({ people: 800, seed: 11 });
    const stateDir = join(built.dir, 'state');
    const store = await openStateStore(stateDir, { clock: () => new Date(), newId: () => randomBytes(8).toString('hex') });
    const accounts = users(store.accounts.users, { clock: () => new Date(), randomBytes });
    await accounts.add('vic', 'viewer', 'vic-password-12', { all: true });
    await accounts.add('nora', 'viewer', 'nora-password-12');
    await store.close();
    const clientDir = await ensureClientBuilt(() => undefined);
    server = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir, clientDir, reports: false, signIn: { adminLink: 'every-start' } });
    // A second server, signing in through an identity provider on loopback.
    provider = await startTestProvider(() => new Date());
    const oidcState = join(built.dir, 'oidc-state');
    const oidcStore = await openStateStore(oidcState, { clock: () => new Date(), newId: () => randomBytes(8).toString('hex') });
    await users(oidcStore.accounts.users, { clock: () => new Date(), randomBytes }).add('ann@example.org', 'analyst', randomBytes(24).toString('base64url'), { all: true });
    await oidcStore.close();
    oidcServer = await startServer({
      warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir: oidcState, clientDir, reports: false,
      signIn: { oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret } },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await oidcServer?.close();
    await provider?.close();
    built?.remove();
  });

  it('signs the administrator in with the one-time link, and browses Explore', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(server.signInLink!.url);
    await page.getByTestId('account').waitFor();
    // The secret has left the address bar: the server redirected to the dashboard.
    expect(new URL(page.url()).pathname, page.url()).toBe('/');
    expect(page.url()).not.toContain('token=');
    expect(await page.getByTestId('account').textContent()).toContain(signInMessages.signedInAs('admin@example.org', 'admin'));
    await nav(page, 'explore').click();
    await page.waitForURL((url) => url.pathname === '/explore');
    await page.locator('[data-testid="chart-figure"] g.mark-line.role-mark path').first().waitFor();
    expect(await page.locator('[data-testid="error"]').count()).toBe(0);

    await nav(page, 'audit').click();
    await page.waitForURL((url) => url.pathname === '/audit');
    await page.getByTestId('audit-row').first().waitFor();
    // Newest first; the link's own request is in the trail, its token redacted by the server.
    const sequences = await page.getByTestId('audit-row').locator('td:first-child').allTextContents();
    expect(sequences.map(Number)).toEqual([...sequences.map(Number)].sort((a, b) => b - a));
    expect(await page.getByTestId('audit-table').textContent()).toContain('GET /session/link');
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verdict').textContent()).toMatch(/^✓ chain intact: \d+ records$/);
    // A request without a session, refused (401): the filter below must find it.
    expect((await fetch(`${server.url}/api/meta`)).status).toBe(401);
    await page.selectOption('select[name="outcome"]', 'refused');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => new Set(await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome'))))).toEqual(new Set(['refused']));
    expect(await page.getByTestId('audit-table').textContent()).toContain('GET /meta');
    if (process.env.POPSIGHT_SCREENSHOT) await page.screenshot({ path: process.env.POPSIGHT_SCREENSHOT.replace(/(\.png)?$/, '-audit.png') });
  });

  it('refuses the same link a second time, in another browser', async () => {
    const page = await (await browser.newContext()).newPage();
    const response = await page.goto(server.signInLink!.url);
    expect(response!.status()).toBe(401);
    expect(await page.textContent('body')).toContain('sign_in_link_refused');
  });

  it('keeps the Audit trail from a viewer: not in the navigation, and a plain refusal at its address', async () => {
    const page = await signedIn('vic', 'vic-password-12');
    expect(await nav(page, 'explore').count()).toBe(1);
    expect(await nav(page, 'audit').count()).toBe(0);
    await page.goto(`${server.url}/audit`);
    await page.getByTestId('audit-refused').waitFor();
    expect(await page.getByTestId('audit-refused').textContent()).toBe(accessMessages.adminOnly('viewer'));
    expect(await page.getByTestId('audit-row').count()).toBe(0);
    // The server refuses the API as well.
    expect(await page.evaluate(async () => (await fetch('/api/audit')).status)).toBe(403);
  });

  it('tells a viewer without a row rule that they have no data access, on Explore', async () => {
    const page = await signedIn('nora', 'nora-password-12');
    await page.goto(`${server.url}/explore?measure=diabetes-prevalence&by=sex`);
    const refusal = page.locator('[data-testid="error"][data-refusal="true"]').first();
    await refusal.waitFor();
    expect(await refusal.locator('strong').textContent()).toBe(accessMessages.noDataAccess.heading);
    expect(await refusal.textContent()).toContain(accessMessages.noDataAccess.detail());
    expect(await refusal.textContent()).not.toContain('Something went wrong');
  });

  it('signs in through the identity provider from the sign-in page, back to the view asked for', async () => {
    provider.signedIn = { sub: 'ann-1', email: 'ann@example.org', email_verified: true };
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${oidcServer.url}/explore?measure=diabetes-prevalence&by=sex`);
    await page.getByTestId('sign-in').waitFor();
    // Only the server with a provider offers it (the first server has none).
    await page.getByRole('link', { name: signInMessages.withProvider() }).click();
    await page.getByTestId('account').waitFor();
    expect(await page.getByTestId('account').textContent()).toContain(signInMessages.signedInAs('ann@example.org', 'analyst'));
    const url = new URL(page.url());
    expect([url.origin, url.pathname, url.searchParams.get('measure'), url.searchParams.get('by')]).toEqual([oidcServer.url, '/explore', 'diabetes-prevalence', 'sex']);
    await page.locator('[data-testid="chart-figure"] g.mark-line.role-mark path').first().waitFor();
    expect(provider.tokenRefusals).toEqual([]);

    const plain = await (await browser.newContext()).newPage();
    await plain.goto(server.url);
    await plain.getByTestId('sign-in').waitFor();
    expect(await plain.getByTestId('sign-in-provider').count()).toBe(0);
  });
});
