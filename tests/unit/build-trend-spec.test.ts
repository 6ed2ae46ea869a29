import { describe, expect, it } from 'vitest';
import { compileStrict } from '../helpers/compile-vega-lite.ts';
import type { TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import {
  buildTrendSpec,
  countSuppressed,
  countUnreliable,
  suppressionNote,
  toTrendData,
} from '../../core/charts/build-trend-spec.ts';
import { periodEnd, periodStart } from '../../core/charts/periods.ts';
import type { MeasureRow } from '../../core/api/api-types.ts';
import { messages } from '../../core/charts/messages.ts';

function row(period: string, rate: number, extra: Partial<MeasureRow> = {}): MeasureRow {
  return {
    period,
    numerator: Math.round(rate * 10),
    denominator: 1000,
    rate,
    ciLow: rate - 0.5,
    ciHigh: rate + 0.5,
    suppressed: false,
    ...extra,
  };
}

function suppressedRow(period: string, extra: Partial<MeasureRow> = {}): MeasureRow {
  return {
    period,
    numerator: null,
    denominator: null,
    rate: null,
    ciLow: null,
    ciHigh: null,
    suppressed: true,
    suppressionReason: 'small-cell',
    ...extra,
  };
}

const bySexRows: MeasureRow[] = [
  row('2019', 8.1, { sex: 'F' }),
  row('2019', 9.4, { sex: 'M' }),
  row('2020', 8.3, { sex: 'F' }),
  suppressedRow('2020', { sex: 'M' }),
  row('2021', 8.6, { sex: 'F' }),
  row('2021', 9.9, { sex: 'M' }),
];

type LayerLike = { name?: string; mark: { type: string }; encoding?: Record<string, unknown> };
const layersOf = (spec: TopLevelSpec) => (spec as unknown as { layer: LayerLike[] }).layer;
const encodingOf = (spec: TopLevelSpec) =>
  (spec as unknown as { encoding: Record<string, Record<string, unknown>> }).encoding;
const valuesOf = (spec: TopLevelSpec) =>
  (spec as unknown as { data: { values: Record<string, unknown>[] } }).data.values;

describe('buildTrendSpec', () => {
  it('compiles with vega-lite without errors or warnings, for every period and with or without a stratifier', () => {
    const cases = [
      buildTrendSpec({ rows: bySexRows, period: 'year', by: 'sex', unit: 'percent', unitLabel: '%' }),
      buildTrendSpec({
        rows: [row('2020-Q1', 310.2), row('2020-Q2', 298.7)],
        period: 'quarter',
        unit: 'per1000',
        unitLabel: 'per 1,000',
      }),
      buildTrendSpec({
        rows: [row('2020-01', 4.2), suppressedRow('2020-02'), row('2020-03', 4.4)],
        period: 'month',
        unit: 'percent',
        unitLabel: '%',
        title: 'Diabetes prevalence',
      }),
    ];
    for (const spec of cases) {
      const { vegaSpec, problems } = compileStrict(spec);
      expect(problems).toEqual([]);
      expect(vegaSpec.marks?.length).toBeGreaterThan(0);
    }
  });

  it('draws the 95% CI as an area from ciLow to ciHigh beneath the line and points', () => {
    const spec = buildTrendSpec({ rows: bySexRows, period: 'year', by: 'sex', unit: 'percent', unitLabel: '%' });
    const layers = layersOf(spec);
    expect(layers.map((layer) => layer.mark.type)).toEqual(['area', 'line', 'point']);
    expect(layers[0].name).toBe('ci');
    const ci = layers[0].encoding as Record<string, { field: string }>;
    expect(ci.y.field).toBe('ciLow');
    expect(ci.y2.field).toBe('ciHigh');
  });

  it('colours the series by the stratifier when `by` is set, in the order the API sent the strata', () => {
    const spec = buildTrendSpec({ rows: bySexRows, period: 'year', by: 'sex', unit: 'percent', unitLabel: '%' });
    const color = encodingOf(spec).color;
    expect(color.field).toBe('stratum');
    expect(color.type).toBe('nominal');
    expect(color.title).toBe('Sex');
    expect(color.sort).toEqual(['Female', 'Male']);
  });

  it('keeps a stratum in its API order when its first periods are suppressed', () => {
    const rows = [suppressedRow('2019', { race: 'asian' }), row('2019', 9, { race: 'white' }), row('2020', 7, { race: 'asian' }), row('2020', 9, { race: 'white' })];
    const spec = buildTrendSpec({ rows, period: 'year', by: 'race', unit: 'percent', unitLabel: '%' });
    expect(encodingOf(spec).color.sort).toEqual(['Asian', 'White']);
  });

  it('uses one fixed colour and no legend without a stratifier', () => {
    const rows = [row('2019', 8.1), row('2020', 8.4)];
    const spec = buildTrendSpec({ rows, period: 'year', unit: 'percent', unitLabel: '%' });
    const color = encodingOf(spec).color;
    expect(color.field).toBeUndefined();
    expect(typeof color.value).toBe('string');
  });

  it('drops suppressed rows from the plotted data', () => {
    const spec = buildTrendSpec({ rows: bySexRows, period: 'year', by: 'sex', unit: 'percent', unitLabel: '%' });
    const values = valuesOf(spec);
    expect(values).toHaveLength(5);
    expect(values.every((value) => typeof value.rate === 'number')).toBe(true);
    expect(values.filter((value) => value.period === '2020').map((value) => value.stratum)).toEqual(['Female']);
    expect(countSuppressed(bySexRows)).toBe(1);
  });

  it('puts numerator, denominator and the CI in the tooltip', () => {
    const spec = buildTrendSpec({ rows: bySexRows, period: 'year', by: 'sex', unit: 'percent', unitLabel: '%' });
    const tooltip = layersOf(spec)[2].encoding?.tooltip as { field: string }[];
    expect(tooltip.map((item) => item.field)).toEqual(
      expect.arrayContaining(['period', 'stratum', 'rate', 'ci', 'numerator', 'denominator']),
    );
    expect(toTrendData([row('2019', 8.25)], 'year', null)[0].ci).toBe('7.8–8.8');
  });

  it('names the suppressed cells in the subtitle of a titled (e-mailed) chart', () => {
    const spec = buildTrendSpec({
      rows: bySexRows, period: 'year', by: 'sex', unit: 'percent', unitLabel: '%', title: 'Diabetes',
    });
    expect(spec.title).toEqual({ text: 'Diabetes', subtitle: messages.suppressed(1) });
    expect(messages.suppressed(3)).toBe('3 cells suppressed (fewer than 11 people)');
  });

  it('tells small cells apart from cells suppressed to protect them (complementary suppression)', () => {
    const rows = [
      ...bySexRows,
      suppressedRow('2022', { sex: 'F', suppressionReason: 'complementary' }),
      suppressedRow('2022', { sex: 'M' }),
    ];
    expect(suppressionNote(rows)).toBe(`${messages.suppressed(2)}; ${messages.complementary(1)}`);
    expect(suppressionNote([row('2019', 8)])).toBeNull();
  });

  it('says why a cost is hidden by the dominance rule, apart from small cells', () => {
    const rows = [...bySexRows, suppressedRow('2022', { sex: 'F', suppressionReason: 'dominance' })];
    expect(suppressionNote(rows)).toBe(`${messages.suppressed(1)}; ${messages.dominance(1)}`);
    expect(messages.dominance(2)).toBe('2 cells suppressed (one person holds most of the total)');
  });

  it('places each period label at the first and last day of its period', () => {
    expect(periodStart('2016', 'year')).toBe('2016-01-01');
    expect(periodStart('2016-Q1', 'quarter')).toBe('2016-01-01');
    expect(periodStart('2016-Q4', 'quarter')).toBe('2016-10-01');
    expect(periodStart('2016-07', 'month')).toBe('2016-07-01');
    expect(periodEnd('2016', 'year')).toBe('2016-12-31');
    expect(periodEnd('2016-Q1', 'quarter')).toBe('2016-03-31');
    expect(periodEnd('2016-02', 'month')).toBe('2016-02-29');
  });

  it('keeps estimates without a CI (top-5% cost share) as points, and leaves them out of the band', () => {
    const rows = [row('2019', 31.2, { ciLow: null, ciHigh: null }), row('2020', 30.4, { ciLow: null, ciHigh: null })];
    const spec = buildTrendSpec({ rows, period: 'year', unit: 'percent', unitLabel: '%' });
    expect(valuesOf(spec)).toHaveLength(2);
    expect(valuesOf(spec)[0].ci).toBe('n/a');
    expect(layersOf(spec).map((layer) => layer.name)).toEqual(['line', 'points']);
    expect(compileStrict(spec).problems).toEqual([]);
  });

  it('writes dollars with their sign and two decimals in the tooltip and CI', () => {
    const rows = [row('2019', 412.3456, { ciLow: 400.1, ciHigh: 425.25 })];
    const spec = buildTrendSpec({ rows, period: 'year', unit: 'dollarsPmpm', unitLabel: 'USD per member per month' });
    expect(valuesOf(spec)[0].ci).toBe('$400.10–$425.25');
    const tooltip = layersOf(spec)[2].encoding?.tooltip as { field: string; format?: string }[];
    expect(tooltip.find((item) => item.field === 'rate')?.format).toBe('$,.2f');
  });

  it('draws unreliable estimates (NCHS) as hollow points in their own layer', () => {
    const rows = [row('2019', 8.1), row('2020', 8.3, { unreliable: true }), row('2021', 8.6)];
    const spec = buildTrendSpec({ rows, period: 'year', unit: 'percent', unitLabel: '%' });
    const [, , solid, hollow] = layersOf(spec) as (LayerLike & { mark: { filled?: boolean } })[];
    expect(solid.mark.filled).toBe(true);
    expect(hollow.mark.filled).toBe(false);
    expect(hollow.encoding?.tooltip).toEqual(solid.encoding?.tooltip);
    expect(compileStrict(spec).problems).toEqual([]);
    expect(valuesOf(spec).map((value) => value.unreliable)).toEqual([false, true, false]);
    expect(countUnreliable(rows)).toBe(1);
  });

  it('renders headlessly to SVG (as the e-mail renderer will) with one symbol per unsuppressed cell', async () => {
    const rows = bySexRows.map((r, i) => (i === 0 ? { ...r, unreliable: true } : r));
    const spec = buildTrendSpec({ rows, period: 'year', by: 'sex', unit: 'percent', unitLabel: '%' });
    const view = new View(parse(compileStrict(spec).vegaSpec), { renderer: 'none' });
    try {
      const svg = await view.toSVG();
      const groups = [...svg.matchAll(/<g[^>]*class="mark-symbol role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)];
      expect(groups).toHaveLength(2);
      expect(groups.map((group) => group[1].match(/<path/g)?.length ?? 0)).toEqual([4, 1]);
      expect(svg).toContain('2019');
      expect(svg).toContain('Female');
    } finally {
      view.finalize();
    }
  });
});
