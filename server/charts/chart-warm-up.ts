// Made-up drawings of the charts a page's first paint asks the server for (trend charts, county maps),
// drawn before the server listens and forgotten, so that a first visitor's charts are not drawn by
// freshly loaded, not yet optimized code. Nothing of the warehouse is read.
import type { CountyFeature } from '../../core/charts/county-geography.ts';
import type { MeasureRow } from '../../core/api/api-types.ts';
import { drawCountyMap } from './draw-county-map.ts';
import { drawTrendChart } from './draw-trend-chart.ts';

const WARM_UP_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
const WARM_UP_STRATA = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** Draws `trends` made-up trend charts (one to eight strata, nine years, one period hidden) and `maps` made-up maps of four square counties. */
export async function warmChartDrawing({ trends = 16, maps = 4 } = {}): Promise<void> {
  for (let i = 0; i < trends; i++) {
    const strata = WARM_UP_STRATA.slice(0, 1 + (i % WARM_UP_STRATA.length));
    const rows = strata.flatMap((payer) => WARM_UP_YEARS.map((year, y) => (y === 3 && payer === 'A' ? hidden(String(year), { payer }) : shown(String(year), y, { payer }))));
    await drawTrendChart({ input: { rows, period: 'year', by: strata.length > 1 ? 'payer' : null, unit: 'percent', unitLabel: 'people', height: 240, focusable: true } }, 640);
  }
  for (let i = 0; i < maps; i++) {
    const rows = WARM_UP_COUNTIES.map(({ properties }, c) => (c === 1 ? hidden('2024', { county: `${properties.name} County` }) : shown('2024', c, { county: `${properties.name} County` })));
    await drawCountyMap({ input: { rows, unit: 'percent', unitLabel: 'people', period: '2024', highlight: i % 2 ? 'Bravo County' : null, height: 380, focusable: true } }, WARM_UP_COUNTIES, i % 2 ? 360 : 900);
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
