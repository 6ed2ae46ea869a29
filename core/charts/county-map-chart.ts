// A dashboard county map as one value: the inputs of its Vega-Lite spec (build-county-map-spec.ts)
// but the outlines, which the browser reads from GET /api/geography/counties and the server has
// itself. The browser builds the spec at its container's width; the server draws the page's first
// picture of it (server/charts/chart-routes.ts) at that width in pixels, from the same value, the
// same outlines and the same builder, so the two are the same map. Pure: no DOM, no fetch. The server
// checks a value sent to it with county-map-chart-schema.ts.
import type { TopLevelSpec } from 'vega-lite';
import { buildCountyMapSpec, type CountyMapSpecInput } from './build-county-map-spec.ts';
import type { CountyFeature } from './county-geography.ts';

export interface CountyMapChart {
  input: Omit<CountyMapSpecInput, 'features' | 'width' | 'compact' | 'stateFips'>;
}

/** Below this width (CSS pixels) the map's legends go above and below it rather than beside it. */
export const COMPACT_MAP_WIDTH = 640;

/** Whether a map this wide is drawn compact (0: not laid out yet, drawn as wide). */
export const isCompactMap = (width: number): boolean => width > 0 && width < COMPACT_MAP_WIDTH;

/** The spec at a width in pixels, or at the container's width with `compact` as measured. */
export function countyMapChartSpec({ input }: CountyMapChart, features: readonly CountyFeature[], width: number | 'container', compact = typeof width === 'number' && isCompactMap(width)): TopLevelSpec {
  return buildCountyMapSpec({ ...input, features, width, compact });
}
