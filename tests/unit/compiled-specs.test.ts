// Trend charts compiled once per form (server/charts/compiled-specs.ts): a second chart of the same
// form, with other rows and another width, reuses the first's compilation and is drawn exactly as if
// compiled afresh; a chart of another form is compiled anew.
import { describe, expect, it } from 'vitest';
import type { MeasureRow } from '../../core/api/api-types.ts';
import { trendChartSpec, type TrendChart } from '../../core/charts/trend-chart.ts';
import type { TopLevelSpec } from 'vega-lite';
import { chartOfForm } from '../../server/charts/compiled-specs.ts';

/** The compiled spec of a chart of a form (its rows inline), as the drawing route compiles it. */
const compileByForm = (spec: TopLevelSpec) => chartOfForm(spec)!.spec;
import { renderSvg, renderVegaSvg } from '../../server/reports/render-chart.ts';

const row = (year: number, rate: number | null, payer?: string): MeasureRow =>
  rate === null
    ? { period: String(year), payer, numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, suppressed: true, suppressionReason: 'small-cell' }
    : { period: String(year), payer, numerator: rate * 10, denominator: 1000, rate, ciLow: rate - 3, ciHigh: rate + 3, suppressed: false };

const chart = (rows: MeasureRow[], by: 'payer' | null = null): TrendChart => ({ input: { rows, period: 'year', by, unit: 'dollarsPmpm', unitLabel: 'USD per member per month', height: 240, focusable: true } });

const inpatient = chart([row(2019, 310), row(2020, 295), row(2021, 330), row(2022, 342)]);
const wellness = chart([row(2019, 21), row(2020, 18), row(2021, 25), row(2022, 27)]);
const byPayer = chart([row(2019, 300, 'Medicare'), row(2020, 320, 'Medicare'), row(2019, 150, 'Medicaid'), row(2020, null, 'Medicaid')], 'payer');

describe('trend charts compiled once per form', () => {
  it('draw a second chart of the same form, other rows and width, exactly as compiled afresh', async () => {
    const first = compileByForm(trendChartSpec(inpatient, 1118));
    const second = compileByForm(trendChartSpec(wellness, 528));
    // The same compilation (its marks are the same object), with the second chart's rows and width.
    expect(second.marks).toBe(first.marks);
    expect(second.width).toBe(528);
    expect(await renderVegaSvg(second)).toBe(await renderSvg(trendChartSpec(wellness, 528)));
    expect(await renderVegaSvg(compileByForm(trendChartSpec(inpatient, 1118)))).toBe(await renderSvg(trendChartSpec(inpatient, 1118)));
  });

  it('compile a chart of another form anew', async () => {
    const single = compileByForm(trendChartSpec(inpatient, 528));
    const strata = compileByForm(trendChartSpec(byPayer, 528));
    expect(strata.marks).not.toBe(single.marks);
    const svg = await renderVegaSvg(strata);
    expect(svg).toBe(await renderSvg(trendChartSpec(byPayer, 528)));
    expect(svg).toContain('Medicaid');
  });
});
