// Made-up drawings of the charts a page's first paint asks the server for (trend charts, county maps),
// drawn before the server listens and forgotten, so that a first visitor's charts are not drawn by
// freshly loaded, not yet optimized code. Nothing of the warehouse is read.
import type { CountyFeature } from '../../core/charts/county-geography.ts';
import type { MeasureRow } from '../../core/api/api-types.ts';
import { parseCountyMapRequest } from '../../core/charts/county-map-chart-schema.ts';
import { parseTrendChartRequest } from '../../core/charts/trend-chart-schema.ts';
import { drawCountyMap } from './draw-county-map.ts';
import { drawTrendChart } from './draw-trend-chart.ts';

const WARM_UP_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
const WARM_UP_STRATA = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** The units of the catalog's measures, so that each one's number formats are warm too. */
const WARM_UP_UNITS = [
  ['percent', 'people'],
  ['dollarsPmpm', 'USD per member per month'],
  ['per1000MemberYears', 'member-years'],
] as const;
/** The widths of a page's full and half-width charts at 1,280 px, and another. */
const WARM_UP_WIDTHS = [1118, 528, 640];

/**
 * Draws `trends` made-up trend charts (one to eight strata, nine years, one period hidden, each unit)
 * and `maps` made-up maps of four square counties, each request body checked as the routes check it.
 */
export async function warmChartDrawing({ trends = 24, maps = 4 } = {}): Promise<void> {
  for (let i = 0; i < trends; i++) {
    const strata = WARM_UP_STRATA.slice(0, 1 + (i % WARM_UP_STRATA.length));
    const [unit, unitLabel] = WARM_UP_UNITS[i % WARM_UP_UNITS.length]!;
    const rows = strata.flatMap((payer) => WARM_UP_YEARS.map((year, y) => (y === 3 && payer === 'A' ? hidden(String(year), { payer }) : shown(String(year), y, { payer }))));
    const request = parseTrendChartRequest({ chart: { input: { rows, period: 'year', by: strata.length > 1 ? 'payer' : null, unit, unitLabel, height: 240, focusable: true } }, width: WARM_UP_WIDTHS[i % WARM_UP_WIDTHS.length] });
    await drawTrendChart(request.chart, request.width);
  }
  for (let i = 0; i < maps; i++) {
    const rows = WARM_UP_COUNTIES.map(({ properties }, c) => (c === 1 ? hidden('2024', { county: `${properties.name} County` }) : shown('2024', c, { county: `${properties.name} County` })));
    const request = parseCountyMapRequest({ chart: { input: { rows, unit: 'percent', unitLabel: 'people', period: '2024', highlight: i % 2 ? 'Bravo County' : null, height: 380, focusable: true } }, width: i % 2 ? 360 : 900 });
    await drawCountyMap(request.chart, WARM_UP_COUNTIES, request.width);
  }
}

const shown = (period: string, i: number, stratum: Partial<MeasureRow>): MeasureRow => ({ period, numerator: 100 + i, denominator: 1000, rate: 10 + i, ciLow: 8 + i, ciHigh: 12 + i, suppressed: false, ...stratum });
const hidden = (period: string, stratum: Partial<MeasureRow>): MeasureRow => ({ period, numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, suppressed: true, ...stratum });

/** Four made-up square counties in Kansas (state 20), for the map's projection and shapes. */
const WARM_UP_COUNTIES: CountyFeature[] = ['Alpha', 'Bravo', 'Charlie', 'Delta'].map((name, i) => {
  const west = -99 + (i % 2) * 0.5;
  const south = 38 + Math.floor(i / 2) * 0.5;
  return {
    type: 'Feature',
    id: `2000${i + 1}`,
    properties: { name },
    geometry: { type: 'Polygon', coordinates: [[[west, south], [west + 0.5, south], [west + 0.5, south + 0.5], [west, south + 0.5], [west, south]]] },
  };
});
