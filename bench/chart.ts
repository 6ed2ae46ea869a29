// The scaling chart of docs/performance.md: a Vega-Lite spec of the headline figures by population
// size, rendered to SVG in Node (vega-lite compiles, vega renders headless; no browser, no canvas).
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { ScalingRow } from './types.ts';

const SERIES: { panel: string; metric: string; value: (r: ScalingRow) => number | null }[] = [
  { panel: 'Pipeline, seconds', metric: 'generate', value: (r) => r.generateSeconds },
  { panel: 'Pipeline, seconds', metric: 'popsight load', value: (r) => r.loadSeconds },
  { panel: 'Pipeline, seconds', metric: 'DuckDB read_csv (floor)', value: (r) => r.readCsvSeconds },
  { panel: 'Queries, milliseconds', metric: 'API p95 uncached (worst query)', value: (r) => r.uncachedP95Ms },
  { panel: 'Queries, milliseconds', metric: 'direct SQL p50 (geometric mean)', value: (r) => r.directSqlP50Ms },
  { panel: 'Queries, milliseconds', metric: 'API p95 cached (worst)', value: (r) => r.cachedP95Ms },
  { panel: 'Queries, milliseconds', metric: 'dashboard first render (cold)', value: (r) => r.dashboardColdMs },
];

export function scalingSpec(rows: ScalingRow[]): TopLevelSpec {
  const values = rows.flatMap((row) =>
    SERIES.map((s) => ({ people: row.people, panel: s.panel, metric: s.metric, value: s.value(row) })).filter((d) => d.value !== null && d.value > 0),
  );
  const sizes = [...new Set(rows.map((row) => row.people))].sort((a, b) => a - b);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Popsight: cost by population size (log–log)',
    data: { values },
    facet: { column: { field: 'panel', type: 'nominal', title: null, sort: SERIES.map((s) => s.panel) } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 300,
      height: 220,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'people', type: 'quantitative', scale: { type: 'log' }, title: 'people', axis: { format: '~s', values: sizes } },
        y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: null, axis: { tickCount: 6 } },
        color: { field: 'metric', type: 'nominal', title: null, sort: SERIES.map((s) => s.metric) },
        tooltip: [{ field: 'people' }, { field: 'metric' }, { field: 'value', format: ',.1f' }],
      },
    },
    config: { font: 'sans-serif', legend: { orient: 'bottom', columns: 2, labelLimit: 320 } },
  };
}

export async function renderScalingSvg(rows: ScalingRow[]): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(scalingSpec(rows)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
