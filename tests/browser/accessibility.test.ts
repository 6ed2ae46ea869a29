// An automated accessibility audit of every dashboard page (issue 17: "every page works by keyboard and
// has a table alternative to its charts"; charts carry meaningful labels): axe-core's WCAG 2.1 A and AA
// rules run in Debian's chromium on each page once it has completely rendered (the bench's definition,
// bench/dashboard-pages.ts), with the same saved cohorts and report the bench makes, at desktop width
// and at 390 px. An automated audit finds missing names, roles, labels, contrast and ARIA misuse; it
// does not replace listening to the pages with a screen reader.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DASHBOARD_PAGES, renderedPage, seedState, type SeededState } from '../../bench/dashboard-pages.ts';
import { useDemoBrowser } from '../helpers/demo-browser.ts';

const demo = useDemoBrowser();
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let axeSource: string;
let state: SeededState;

beforeAll(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  state = await seedState(demo.server.url);
});

/** Opens a page and waits for its first complete render; fails with the page's error if it shows one. */
async function openRendered(path: string, needs: string[], width: number): Promise<Page> {
  // The dashboard's security policy forbids inline scripts: the audit's script is let in for the test only.
  const context = await demo.browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${demo.server.url}${path}`);
  const handle = await page.waitForFunction(renderedPage, needs, { timeout: 60_000 });
  const result = await handle.jsonValue();
  if (typeof result === 'string') throw new Error(`${path}: ${result}`);
  return page;
}

/** axe-core's violations of WCAG 2.1 A and AA on the page as it is now, each with the elements at fault. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(
    async (tags) => (await (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations,
    WCAG_21_AA,
  );
  return found.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility of every page (axe-core, WCAG 2.1 A and AA)', () => {
  for (const width of [1280, 390]) {
    for (const dashboardPage of DASHBOARD_PAGES) {
      it(`${dashboardPage.name} at ${width} px has no violation`, async () => {
        const page = await openRendered(dashboardPage.path(state), dashboardPage.needs, width);
        try {
          expect(await violations(page)).toEqual([]);
        } finally {
          await page.context().close();
        }
      });
    }
  }

  it("names each export button by its chart, so a page's many PNG, SVG and CSV buttons can be told apart", async () => {
    const costs = DASHBOARD_PAGES.find((p) => p.name === 'costs')!;
    const page = await openRendered(costs.path(state), costs.needs, 1280);
    try {
      for (const format of ['png', 'svg', 'csv']) {
        const buttons = page.locator(`[data-testid="export-${format}"]`);
        const names = await buttons.evaluateAll((all) => all.map((b) => b.textContent!.replace(/\s+/g, ' ').trim()));
        const charts = await page.locator('[data-testid="chart-figure"]').evaluateAll((all) => all.map((f) => f.getAttribute('aria-label')));
        expect(names.length).toBeGreaterThan(3);
        expect(names).toEqual(charts.map((chart) => `${format.toUpperCase()} ${format === 'csv' ? 'data' : 'image'} of ${chart}`));
        expect(new Set(names).size).toBe(names.length);
      }
    } finally {
      await page.context().close();
    }
  });

  it('finds a violation when one is there (the audit is live)', async () => {
    const page = await openRendered('/library', DASHBOARD_PAGES.find((p) => p.name === 'library')!.needs, 1280);
    try {
      // An image without a text alternative and a form field without a label: two WCAG failures axe must report.
      await page.evaluate(() => {
        const main = document.querySelector('main') ?? document.body;
        main.insertAdjacentHTML('beforeend', '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-testid="unlabelled-image"><input type="text">');
      });
      const found = await violations(page);
      expect(found.some((v) => v.startsWith('image-alt'))).toBe(true);
      expect(found.some((v) => v.startsWith('label'))).toBe(true);
    } finally {
      await page.context().close();
    }
  });
});
