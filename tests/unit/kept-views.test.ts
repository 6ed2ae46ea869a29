// Trend charts drawn by a view kept per form (server/charts/kept-views.ts): a chart of a form drawn
// before is drawn by the kept view, and its SVG is exactly that of a view built afresh for it, whatever
// the rows, the width, the title and subtitle (Explore's panels) and the order of the drawings;
// drawings of one form at once each get a view.
import { describe, expect, it } from 'vitest';
import type { MeasureRow } from '../../core/api/api-types.ts';
import { trendChartSpec, type TrendChart } from '../../core/charts/trend-chart.ts';
import { drawTrendChart } from '../../server/charts/draw-trend-chart.ts';
import { keptViewCounts } from '../../server/charts/kept-views.ts';
import { renderSvg } from '../../server/reports/render-chart.ts';

const row = (year: number, rate: number | null, payer: string): MeasureRow =>
  rate === null
    ? { period: String(year), payer, numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, suppressed: true, suppressionReason: 'small-cell' }
    : { period: String(year), payer, numerator: rate * 10, denominator: 1000, rate, ciLow: rate * 0.9, ciHigh: rate * 1.1, suppressed: false };

const byPayer = (rates: Record<string, readonly (number | null)[]>): TrendChart => ({
  input: {
    rows: Object.entries(rates).flatMap(([payer, values]) => values.map((rate, i) => row(2018 + i, rate, payer))),
    period: 'year',
    by: 'payer',
    unit: 'dollarsPmpm',
    unitLabel: 'USD per member per month',
    height: 240,
    focusable: true,
  },
});

// One form: two payers over five years, one cell suppressed. The axes differ from chart to chart but
// share some ticks (0, 100, 200, ... on a scale to 400 and one to 800), which a view merely given new
// rows would keep in place and draw the new ones after, in another order than a view built afresh.
const charts = [
  byPayer({ Medicare: [310, 295, 330, 342, 351], Medicaid: [150, null, 170, 180, 175] }),
  byPayer({ Medicare: [610, 695, 730, 742, 751], Medicaid: [150, null, 170, 180, 175] }),
  byPayer({ Medicare: [31, 29, 33, 34, 35], Medicaid: [15, null, 17, 18, 17] }),
  byPayer({ Medicare: [310, 295, 330, 342, 351], Medicaid: [250, null, 270, 280, 275] }),
];
const fresh = (chart: TrendChart, width: number) => renderSvg(trendChartSpec(structuredClone(chart), width));

describe('trend charts drawn by views kept per form', () => {
  it('draw each chart of a form exactly as a view built for it, at any width and in any order', async () => {
    const before = { ...keptViewCounts };
    const sequence: [number, number][] = [[0, 1118], [1, 528], [2, 390], [3, 1118], [0, 700], [2, 528], [1, 1118]];
    for (const [i, width] of sequence) expect(await drawTrendChart(structuredClone(charts[i]!), width), `chart ${i} at ${width} px`).toBe(await fresh(charts[i]!, width));
    // The first drawing built the form's view; every later one was drawn by it.
    expect(keptViewCounts.built - before.built).toBe(1);
    expect(keptViewCounts.reused - before.reused).toBe(sequence.length - 1);
  });

  it('give drawings of one form made at once a view each, each drawn exactly', async () => {
    const svgs = await Promise.all(charts.map((chart) => drawTrendChart(structuredClone(chart), 640)));
    for (const [i, svg] of svgs.entries()) expect(svg, `chart ${i}`).toBe(await fresh(charts[i]!, 640));
  });

  it('draw a chart of another form by a view of its own', async () => {
    const before = keptViewCounts.built;
    const three = byPayer({ Medicare: [310, 295, 330, 342, 351], Medicaid: [150, 160, 170, 180, 175], Commercial: [200, 210, 220, 230, 240] });
    const svg = await drawTrendChart(structuredClone(three), 528);
    expect(svg).toBe(await fresh(three, 528));
    expect(svg).toContain('Commercial');
    expect(keptViewCounts.built - before).toBe(1);
  });

  it("draw Explore's panels, each with its own heading, by one view of their form, and a panel without a subtitle by another", async () => {
    const before = { ...keptViewCounts };
    const panel = (chart: TrendChart, text: string, subtitle: string): TrendChart => ({ ...chart, heading: { text, subtitle } });
    const panels = [
      panel(charts[0]!, 'Diabetes prevalence: Sex Female', 'Crude rates (not age-adjusted)'),
      panel(charts[1]!, 'Diabetes prevalence: Sex Male', 'Crude rates (not age-adjusted)'),
      panel(charts[2]!, 'Hypertension prevalence: Sex Female', 'Age-adjusted rates (direct method, US 2000 standard population)'),
    ];
    for (const chart of panels) {
      const svg = await drawTrendChart(structuredClone(chart), 528);
      expect(svg).toBe(await fresh(chart, 528));
      expect(svg).toContain(chart.heading!.text);
      expect(svg).toContain(chart.heading!.subtitle);
    }
    expect(keptViewCounts.built - before.built).toBe(1);
    expect(keptViewCounts.reused - before.reused).toBe(panels.length - 1);
    const bare = panel(charts[3]!, 'Diabetes prevalence: Sex Other', '');
    expect(await drawTrendChart(structuredClone(bare), 528)).toBe(await fresh(bare, 528));
    expect(keptViewCounts.built - before.built).toBe(2);
  });
});
