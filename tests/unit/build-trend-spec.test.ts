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
import { CATEGORICAL_PALETTE, CONTEXT_GREY, HIGHLIGHT_COLOUR } from '../../core/charts/palette.ts';

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
      expect.arrayContaining(['period', 'stratum', 'rate', 'ciLow', 'ciHigh', 'numerator', 'denominator']),
    );
    const titled = tooltip as { field: string; title: string }[];
    expect(titled.find((item) => item.field === 'ciLow')?.title).toBe('95% CI lower bound');
    expect(titled.find((item) => item.field === 'ciHigh')?.title).toBe('95% CI upper bound');
    expect(toTrendData([row('2019', 8.25)], 'year', null)[0].ci).toBe('7.8–8.8');
  });

  it('names the suppressed cells in the subtitle of a titled (e-mailed) chart', () => {
    const spec = buildTrendSpec({
      rows: bySexRows, period: 'year', by: 'sex', unit: 'percent', unitLabel: '%', title: 'Diabetes',
    });
    expect(spec.title).toEqual({ text: 'Diabetes', subtitle: [messages.crude(), messages.suppressed(1)] });
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
  const renderSvg = async (spec: TopLevelSpec): Promise<string> => {
    const view = new View(parse(compileStrict(spec).vegaSpec), { renderer: 'none' });
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  };
  /** The drawn lines: Vega draws each line (stratum × segment) as one path in a group of its own. */
  const linePaths = (svg: string) => [...svg.matchAll(/<g[^>]*class="mark-line role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)].reduce((n, g) => n + (g[1]!.match(/<path/g)?.length ?? 0), 0);

  it('breaks the line at a suppressed period instead of bridging it, and at a period a stratum lacks', async () => {
    const rows = [row('2019', 8, { sex: 'F' }), row('2020', 8.2, { sex: 'F' }), suppressedRow('2021', { sex: 'F' }), row('2022', 8.8, { sex: 'F' }), row('2023', 9, { sex: 'F' })];
    const values = toTrendData(rows, 'year', 'sex');
    expect(values.map((d) => d.segment)).toEqual(['Female#0', 'Female#0', 'Female#1', 'Female#1']);
    const spec = buildTrendSpec({ rows, period: 'year', by: 'sex', unit: 'percent', unitLabel: '%' });
    const line = layersOf(spec).find((layer) => layer.name === 'line')!;
    expect(line.encoding?.detail).toEqual({ field: 'segment', type: 'nominal' });
    const band = layersOf(spec).find((layer) => layer.name === 'ci')!;
    expect(band.encoding?.detail).toEqual({ field: 'segment', type: 'nominal' });
    // Drawn: two separate paths, 2019–2020 and 2022–2023, none across 2021.
    expect(linePaths(await renderSvg(spec))).toBe(2);
    // A period missing from one stratum's rows (but present in another's) is a gap too.
    const gappy = toTrendData([row('2019', 1, { sex: 'F' }), row('2019', 2, { sex: 'M' }), row('2020', 2, { sex: 'M' }), row('2021', 1, { sex: 'F' })], 'year', 'sex');
    expect(gappy.filter((d) => d.stratum === 'Female').map((d) => d.segment)).toEqual(['Female#0', 'Female#1']);
    expect(compileStrict(spec).problems).toEqual([]);
  });

  it('names the strata with nothing shown in the subtitle and the description, and keeps them out of the legend', () => {
    const rows = [row('2019', 8, { race: 'white' }), suppressedRow('2019', { race: 'hawaiian' }), row('2020', 8.4, { race: 'white' }), suppressedRow('2020', { race: 'hawaiian' }), suppressedRow('2019', { race: 'native' }), row('2020', 3, { race: 'native', rate: null, ciLow: null, ciHigh: null })];
    const spec = buildTrendSpec({ rows, period: 'year', by: 'race', unit: 'percent', unitLabel: '%' });
    const note = messages.strataNotShown(['Native Hawaiian or Pacific Islander', 'American Indian or Alaska Native']);
    expect(note).toBe('Not shown (suppressed): Native Hawaiian or Pacific Islander, American Indian or Alaska Native');
    expect((spec.title as { subtitle: string[] }).subtitle).toContain(note);
    expect(spec.description).toContain(note);
    expect(encodingOf(spec).color.sort).toEqual(['White']);
    expect(compileStrict(spec).problems).toEqual([]);
  });

  it('starts the value axis at zero on every layer, and draws 0 on the axis', async () => {
    const rows = [row('2019', 70.2), row('2020', 71.5), row('2021', 72.9)];
    const spec = buildTrendSpec({ rows, period: 'year', unit: 'percent', unitLabel: '%' });
    for (const layer of layersOf(spec)) {
      const y = layer.encoding?.y as { scale?: { zero?: boolean } } | undefined;
      if (y?.scale) expect(y.scale.zero, layer.name).toBe(true);
    }
    const svg = await renderSvg(spec);
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toContain('0');
  });

  it('says crude or age-adjusted in the title, and plots the age-adjusted rate and interval when asked', () => {
    const rows = [row('2019', 8, { adjustedRate: 6.5, adjustedCiLow: 6, adjustedCiHigh: 7 }), row('2020', 8.2, { adjustedRate: 6.7, adjustedCiLow: 6.2, adjustedCiHigh: 7.2 })];
    const crude = buildTrendSpec({ rows, period: 'year', unit: 'percent', unitLabel: '%' });
    expect((crude.title as { text: string }).text).toBe(messages.crude());
    expect(valuesOf(crude).map((d) => d.rate)).toEqual([8, 8.2]);
    const adjusted = buildTrendSpec({ rows, period: 'year', unit: 'percent', unitLabel: '%', adjust: 'age', title: 'Diabetes prevalence' });
    expect(adjusted.title).toEqual({ text: 'Diabetes prevalence', subtitle: [messages.ageAdjusted()] });
    expect(valuesOf(adjusted).map((d) => [d.rate, d.ciLow, d.ciHigh])).toEqual([[6.5, 6, 7], [6.7, 6.2, 7.2]]);
    expect(adjusted.description).toContain('age-adjusted');
    expect(valuesOf(adjusted)[0]!.label).toBe('2019: age-adjusted rate 6.5% (95% CI lower bound 6.0%, upper bound 7.0%)');
    expect(compileStrict(adjusted).problems).toEqual([]);
  });

  it('gives every point an accessible label naming the rate and each CI bound, never the lower bound as the rate', async () => {
    const spec = buildTrendSpec({ rows: bySexRows, period: 'year', by: 'sex', unit: 'percent', unitLabel: '%' });
    expect(valuesOf(spec)[0]!.label).toBe('Female, 2019: rate 8.1% (95% CI lower bound 7.6%, upper bound 8.6%)');
    const band = layersOf(spec).find((layer) => layer.name === 'ci') as LayerLike & { mark: { aria?: boolean } };
    expect(band.mark.aria).toBe(false);
    const svg = await renderSvg(spec);
    const ariaLabels = [...svg.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]!);
    expect(ariaLabels).toContain('Female, 2019: rate 8.1% (95% CI lower bound 7.6%, upper bound 8.6%)');
    // Vega-Lite's automatic label of the band would read "Rate (%): 7.6", the lower bound as the rate.
    expect(ariaLabels.filter((label) => /Rate \(%\): 7\.6/.test(label))).toEqual([]);
    // The chart's own description: the aria-label Vega gives the chart's container in the page.
    expect(compileStrict(spec).vegaSpec.description).toBe(spec.description);
    expect(spec.description).toMatch(/^Line chart of rate \(%\) by year, 2019 to 2021; crude rates/);
  });

  it('gives each of 14 strata its own colour', () => {
    const counties = Array.from({ length: 14 }, (_, i) => `County ${String.fromCharCode(65 + i)}`);
    const rows = counties.flatMap((county, i) => [row('2019', 5 + i, { county }), row('2020', 5.5 + i, { county })]);
    const spec = buildTrendSpec({ rows, period: 'year', by: 'county', unit: 'percent', unitLabel: '%' });
    const scale = encodingOf(spec).color.scale as { domain: string[]; range: string[] };
    expect(scale.domain).toEqual(counties);
    expect(new Set(scale.range).size).toBe(14);
    expect(scale.range).toEqual(CATEGORICAL_PALETTE.slice(0, 14));
    expect(compileStrict(spec).problems).toEqual([]);
  });

  it('beyond the palette, highlights one stratum in colour with a direct label and greys the rest', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `Org ${String(i + 1).padStart(2, '0')}`);
    const rows = names.flatMap((organization, i) => [row('2019', 10 + i, { organization }), row('2020', 11 + i, { organization })]);
    const first = buildTrendSpec({ rows, period: 'year', by: 'organization', unit: 'percent', unitLabel: '%' });
    expect(encodingOf(first).color).toEqual({ condition: { test: 'datum.highlighted', value: HIGHLIGHT_COLOUR }, value: CONTEXT_GREY });
    expect(valuesOf(first).filter((d) => d.highlighted).map((d) => d.stratum)).toEqual(['Org 01', 'Org 01']);
    const chosen = buildTrendSpec({ rows, period: 'year', by: 'organization', unit: 'percent', unitLabel: '%', highlight: 'Org 07' });
    expect(valuesOf(chosen).filter((d) => d.directLabel !== null).map((d) => [d.period, d.directLabel])).toEqual([['2020', 'Org 07']]);
    expect((chosen.title as { subtitle: string[] }).subtitle).toContain(messages.highlighted('Org 07', 20));
    expect(layersOf(chosen).map((layer) => layer.name)).toEqual(['ci', 'context-lines', 'line', 'points', 'direct-label']);
    expect(compileStrict(chosen).problems).toEqual([]);
    const svg = await renderSvg(chosen);
    expect(svg).toContain('>Org 07</text>');
    expect(svg).not.toContain('>Org 08</text>');
    expect(linePaths(svg)).toBe(20);
  });
});
