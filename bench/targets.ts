// The performance targets of the issues named on each, judged on every size that was run. They are
// defined at 1,000,000 people; at smaller sizes a FAIL is an early warning. A failed target is a
// finding, not a crash: the bench still exits 0.
import { slowestColdRender } from './dashboard-pages.ts';
import { hasFigures, type SizeRun } from './types.ts';

export type Unit = 'ratio' | 'bytes' | 'ms' | 'seconds' | 'share' | 'times' | 'perSecond';

export interface Target {
  id: string;
  title: string;
  issue: number;
  comparison: '<=' | '>=';
  limit: number;
  unit: Unit;
  /** The measured value, or undefined when its section was skipped or failed. */
  value(run: SizeRun): number | null | undefined;
}

export interface TargetResult {
  id: string;
  title: string;
  issue: number;
  comparison: '<=' | '>=';
  limit: number;
  unit: Unit;
  value: number | null;
  status: 'PASS' | 'FAIL' | 'SKIP';
}

const GB = 1024 ** 3;

export const TARGETS: Target[] = [
  {
    id: 'load-vs-read-csv', title: 'Load time / DuckDB read_csv of the same files', issue: 3, comparison: '<=', limit: 2, unit: 'ratio',
    value: (r) => (hasFigures(r.load) ? r.load.ratio : undefined),
  },
  {
    id: 'fhir-load-rate', title: 'FHIR NDJSON load, resources per second', issue: 3, comparison: '>=', limit: 50_000, unit: 'perSecond',
    value: (r) => (hasFigures(r.fhir) ? r.fhir.resourcesPerSecond : undefined),
  },
  {
    id: 'load-peak-rss', title: 'Load peak RSS', issue: 3, comparison: '<=', limit: 8 * GB, unit: 'bytes',
    value: (r) => (hasFigures(r.load) ? r.load.peakRssBytes : undefined),
  },
  {
    id: 'api-uncached-p95', title: 'API p95, uncached measure queries (worst query)', issue: 4, comparison: '<=', limit: 100, unit: 'ms',
    value: (r) => (hasFigures(r.api) ? r.api.worstUncachedP95 : undefined),
  },
  {
    id: 'api-cached-p95', title: 'API p95, cached (worst endpoint)', issue: 4, comparison: '<=', limit: 5, unit: 'ms',
    value: (r) => (hasFigures(r.api) ? r.api.worstCachedP95 : undefined),
  },
  {
    id: 'api-overhead', title: 'API overhead over direct SQL (geometric mean of p50 ratios)', issue: 4, comparison: '<=', limit: 0.25, unit: 'share',
    value: (r) => (hasFigures(r.api) ? r.api.overhead : undefined),
  },
  {
    id: 'api-overhead-sign-in', title: 'API overhead over direct SQL with sign-in (API token) and audit on (geometric mean of p50 ratios)', issue: 15, comparison: '<=', limit: 0.25, unit: 'share',
    value: (r) => (hasFigures(r.api) ? (r.api.signIn?.overhead ?? null) : undefined),
  },
  {
    id: 'api-cached-p95-sign-in', title: 'API p95, cached, with sign-in (API token) and audit on (worst endpoint)', issue: 15, comparison: '<=', limit: 5, unit: 'ms',
    value: (r) => (hasFigures(r.api) ? (r.api.signIn?.worstCachedP95 ?? null) : undefined),
  },
  {
    id: 'perturbation-vs-ci', title: 'Mean change perturbation makes to a rate / its 95% CI half-width (cells of 1,000+ people)', issue: 13, comparison: '<=', limit: 0.25, unit: 'share',
    value: (r) => (hasFigures(r.disclosure) ? (r.disclosure.all.cells > 0 ? r.disclosure.all.meanRatio : null) : undefined),
  },
  {
    id: 'report-render-p95', title: 'Report e-mail render time per view, p95 (worst of six views)', issue: 19, comparison: '<=', limit: 250, unit: 'ms',
    value: (r) => (hasFigures(r.reports) ? r.reports.worstRenderP95 : undefined),
  },
  {
    id: 'report-delivery', title: 'One six-view report delivered to 100 recipients with different row restrictions (SMTP on loopback)', issue: 19, comparison: '<=', limit: 30, unit: 'seconds',
    value: (r) => (hasFigures(r.reports) ? r.reports.delivery.seconds : undefined),
  },
  {
    id: 'cohort-preview-p95-demo', title: 'Cohort builder live preview p95, new definitions (demo size: 20,000 people or fewer)', issue: 18, comparison: '<=', limit: 300, unit: 'ms',
    value: (r) => (r.people > 20_000 ? undefined : hasFigures(r.cohorts) ? r.cohorts.fresh.p95 : undefined),
  },
  {
    id: 'cohort-preview-p95', title: 'Cohort builder live preview p95, new definitions', issue: 18, comparison: '<=', limit: 1000, unit: 'ms',
    value: (r) => (hasFigures(r.cohorts) ? r.cohorts.fresh.p95 : undefined),
  },
  {
    id: 'dashboard-render-demo', title: "Dashboard: slowest page's first complete render, cold server (demo size: 20,000 people or fewer)", issue: 17, comparison: '<=', limit: 1000, unit: 'ms',
    value: (r) => (r.people > 20_000 ? undefined : hasFigures(r.dashboard) ? slowestColdRender(r.dashboard) : undefined),
  },
  {
    id: 'dashboard-render', title: "Dashboard: slowest page's first complete render, cold server", issue: 17, comparison: '<=', limit: 1500, unit: 'ms',
    value: (r) => (hasFigures(r.dashboard) ? slowestColdRender(r.dashboard) : undefined),
  },
  {
    id: 'server-rss', title: 'Server RSS after the API benchmark', issue: 5, comparison: '<=', limit: 1.5 * GB, unit: 'bytes',
    value: (r) => (hasFigures(r.api) ? r.api.serverRss.rssBytes : undefined),
  },
  {
    id: 'duckdb-vs-postgres', title: 'DuckDB speed-up over PostgreSQL 15 (geometric mean)', issue: 5, comparison: '>=', limit: 20, unit: 'times',
    value: (r) => (hasFigures(r.postgres) ? r.postgres.speedup : undefined),
  },
];

export function judgeTargets(run: SizeRun): TargetResult[] {
  return TARGETS.map(({ value, ...target }) => {
    const measured = value(run);
    if (measured === undefined || measured === null || !Number.isFinite(measured)) return { ...target, value: null, status: 'SKIP' as const };
    const pass = target.comparison === '<=' ? measured <= target.limit : measured >= target.limit;
    return { ...target, value: measured, status: pass ? ('PASS' as const) : ('FAIL' as const) };
  });
}

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return '—';
  switch (unit) {
    case 'ratio':
      return `${value.toFixed(2)}`;
    case 'bytes':
      return value >= GB ? `${(value / GB).toFixed(2)} GB` : `${(value / 1024 ** 2).toFixed(0)} MB`;
    case 'ms':
      return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
    case 'seconds':
      return `${value.toFixed(1)} s`;
    case 'share':
      return `${(value * 100).toFixed(0)}%`;
    case 'times':
      return `${value.toFixed(1)}×`;
    case 'perSecond':
      return `${Math.round(value).toLocaleString('en-US')}/s`;
  }
}

export const formatLimit = (t: Pick<Target, 'comparison' | 'limit' | 'unit'>) => `${t.comparison === '<=' ? '≤' : '≥'} ${formatValue(t.limit, t.unit)}`;
