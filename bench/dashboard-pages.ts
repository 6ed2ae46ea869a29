// The dashboard's pages as section 5 opens them, what a page's first complete render is, and the
// saved state (two cohorts, one report) the cohort profile and the Reports page need to show
// anything. One definition for every page (renderedPage): what the page must show, every chart
// on it has drawn SVG marks, and nothing on it is loading or busy.
import type { DashboardBench } from './dashboard.ts';

/** Saved on the bench's server before any page is timed (seedState); the profile names them. */
export interface SeededState {
  cohorts: [string, string];
}

export interface DashboardPage {
  name: string;
  path: (state: SeededState) => string;
  /** Selectors that must each match: the page's content has arrived (tables with rows, charts, tiles). */
  needs: string[];
}

export const DASHBOARD_PAGES: DashboardPage[] = [
  {
    name: 'overview',
    path: () => '/',
    needs: ['[data-testid="kpi-tile"] [data-testid="kpi-value"]', '[data-testid="trend-chart"]', '[data-testid="county-map"]'],
  },
  {
    name: 'explore',
    path: () => '/explore?measure=diabetes-prevalence&by=sex,race&adjust=age',
    needs: ['[data-testid="chart-figure"]', '[data-testid="apc-row"]', '[data-testid="data-table"] tbody tr'],
  },
  { name: 'places', path: () => '/places?measure=diabetes-prevalence', needs: ['[data-testid="county-map"]', '[data-testid="data-table"] tbody tr'] },
  { name: 'costs', path: () => '/costs', needs: ['[data-testid="measure-section"] [data-testid="chart-figure"]'] },
  { name: 'library', path: () => '/library', needs: ['[data-testid="library-measure"]'] },
  { name: 'cohorts', path: () => '/cohorts', needs: ['#cohort-add', '[data-testid="saved-cohort"]'] },
  {
    name: 'cohort-profile',
    path: ({ cohorts: [a, b] }) => `/cohorts/profile?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`,
    needs: ['[data-testid="profile-size"]', '[data-testid="comparison-row"]'],
  },
  {
    name: 'quality',
    path: () => '/quality',
    needs: ['[data-testid="check-row"]', '[data-testid="quarantine-table"], [data-testid="quality-quarantine"] [data-testid="empty"]', '[data-testid="load-row"]'],
  },
  { name: 'reports', path: () => '/reports', needs: ['[data-testid="reports-table"] tbody tr'] },
  { name: 'audit', path: () => '/audit', needs: ['[data-testid="audit-row"]'] },
];

export const RENDER_DEFINITION =
  "A page's first complete render: milliseconds from navigation start (performance.now() in the page) until everything the page shows has arrived (its KPI tiles with numbers, tables with rows, the cohort profile's comparison, the audit trail's records), every chart on it (trend, small multiples, county maps) has SVG marks, and no element is loading or busy (no aria-busy=\"true\", no Loading/Updating status); polled every animation frame.";

/**
 * Runs in the page: milliseconds since navigation once the page is complete, `error: …` once it
 * shows an error (the section fails instead of waiting), else false. No function is assigned to a
 * name in here: tsx would wrap it in a helper the page does not have.
 */
export function renderedPage(needs: string[]): number | string | false {
  for (const alert of document.querySelectorAll('[data-testid="error"], [role="alert"]')) {
    if (alert.textContent?.trim()) return `error: ${alert.textContent.trim()}`;
  }
  for (const selector of needs) if (!document.querySelector(selector)) return false;
  for (const chart of document.querySelectorAll('[data-testid="trend-chart"], [data-testid="chart-figure"], [data-testid="county-map"]')) {
    if (!chart.querySelector('g.role-mark path')) return false;
  }
  for (const tile of document.querySelectorAll('[data-testid="kpi-value"]')) if (!/\d/.test(tile.textContent ?? '')) return false;
  if (document.querySelector('[aria-busy="true"]')) return false;
  for (const status of document.querySelectorAll('[role="status"]')) if (/Loading|Updating/.test(status.textContent ?? '')) return false;
  return performance.now();
}

/** Two saved cohorts (for the profile and its comparison) and one report (for the Reports page), made over the API. */
export async function seedState(baseUrl: string): Promise<SeededState> {
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${path} → ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
  const diabetes = await post<{ id: string }>('/api/cohorts', { name: 'Bench: diabetes, 40 and over', criteria: { all: [{ condition: { group: 'diabetes' } }, { age: { min: 40 } }] } });
  const hypertension = await post<{ id: string }>('/api/cohorts', { name: 'Bench: hypertension, 40 and over', criteria: { all: [{ condition: { group: 'hypertension' } }, { age: { min: 40 } }] } });
  await post('/api/reports', {
    name: 'Bench: Monday pack',
    recipients: ['analyst@example.org'],
    // Once a year on 1 January: the scheduler never sends it while the bench runs.
    schedule: { cron: '0 7 1 1 *', timeZone: 'UTC' },
    views: [{ measure: 'diabetes-prevalence', by: 'county', period: 'year', filters: {}, adjust: null }],
  });
  return { cohorts: [diabetes.id, hypertension.id] };
}

/** The worst first complete render over the pages (cold server); results before every page was timed give the overview and the pages they had. */
export function slowestColdRender(bench: DashboardBench): number {
  const values = bench.renders ? Object.values(bench.renders).map((r) => r.coldMs) : [bench.cold.ms, ...Object.values(bench.pages ?? {})];
  return Math.max(...values);
}
