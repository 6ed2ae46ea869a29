import { writeFile } from 'node:fs/promises';
import { DASHBOARD_PAGES, renderedPage, seedState } from './bench/dashboard-pages.ts';
import { launchChromium } from './tests/helpers/browser.ts';
import { startDemoServer } from './tests/helpers/test-server.ts';
const server = await startDemoServer({ people: 800, seed: 11 });
const browser = await launchChromium();
try {
  const state = await seedState(server.url);
  for (const p of DASHBOARD_PAGES) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}${p.path(state)}`);
    await page.waitForFunction(renderedPage, p.needs, { timeout: 60_000 });
    await writeFile(`/tmp/a11y/${p.name}.yaml`, await page.locator('body').ariaSnapshot());
    await page.close();
  }
} finally { await browser.close(); await server.close(); }
