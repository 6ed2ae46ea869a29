// A dashboard trend chart as one value: the inputs of its Vega-Lite spec (build-trend-spec.ts) and,
// for the Explore page's panels, a heading of its own. The browser builds the spec from it at the
// width of its container; the server draws the page's first picture of it (server/charts/chart-routes.ts)
// at that width in pixels, from the same value and the same builder, so the two are the same chart.
// Pure: no DOM, no fetch. The server checks a value sent to it with trend-chart-schema.ts.
import type { TopLevelSpec } from 'vega-lite';
import { buildTrendSpec, type TrendSpecInput } from './build-trend-spec.ts';

export interface TrendChart {
  input: Omit<TrendSpecInput, 'width'>;
  /** A title and subtitle instead of the builder's (the Explore panels: measure, panel, crude or age-adjusted). */
  heading?: { text: string; subtitle: string } | null;
}

export function trendChartSpec({ input, heading }: TrendChart, width: number | 'container'): TopLevelSpec {
  const spec = buildTrendSpec({ ...input, width });
  return heading ? ({ ...spec, title: { text: heading.text, subtitle: heading.subtitle, anchor: 'start' } } as TopLevelSpec) : spec;
}
