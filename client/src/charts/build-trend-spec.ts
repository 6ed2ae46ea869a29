// Pure Vega-Lite spec for a measure's trend: a 95% CI band, a line and points per stratum.
// Shared by the dashboard and the server-side e-mail renderer: no DOM, no fetch, no globals.
import type { TopLevelSpec } from 'vega-lite';
import type { Dimension, MeasureRow, MeasureUnit, Period } from '../lib/api-types.ts';
import { dimensionLabels, valueLabel } from '../lib/labels.ts';
import { messages } from '../lib/messages.ts';
import { periodStart } from '../lib/periods.ts';

export interface TrendSpecInput {
  rows: readonly MeasureRow[];
  period: Period;
  /** The stratifier; rows then carry one value of it each. */
  by?: Dimension | null;
  unit: MeasureUnit;
  unitLabel: string;
  /** A chart title, for standalone renders (e-mail); the dashboard shows its own heading. */
  title?: string;
  width?: number | 'container';
  height?: number;
}

/** One plotted point; suppressed cells never become one. */
export interface TrendDatum {
  period: string;
  periodStart: string;
  stratum: string;
  rate: number;
  ciLow: number;
  ciHigh: number;
  ci: string;
  numerator: number | null;
  denominator: number | null;
}

/** Calm, colour-blind-safe categorical palette (Okabe & Ito 2008, reordered, darkened for contrast). */
export const TREND_PALETTE = [
  '#0b6fa4', '#d55e00', '#009e73', '#cc79a7', '#6b5b95',
  '#b8860b', '#56b4e9', '#8c564b', '#4d4d4d', '#e69f00',
];

const ALL = 'All';

const timeUnits = { year: 'utcyear', quarter: 'utcyearquarter', month: 'utcyearmonth' } as const;
const axisFormats = { year: '%Y', quarter: '%Y Q%q', month: '%b %Y' } as const;

export function buildTrendSpec(input: TrendSpecInput): TopLevelSpec {
  const by = input.by ?? null;
  const values = toTrendData(input.rows, input.period, by);
  const strata = uniqueStrata(values);
  // Overlapping bands darken each other: the more strata, the fainter each band.
  const bandOpacity = strata.length > 3 ? 0.08 : 0.16;
  // Dense series (months) read better as lines; the points stay for hover and tooltips.
  const periods = new Set(values.map((d) => d.period)).size;
  const pointSize = periods <= 16 ? 44 : periods <= 40 ? 24 : 10;
  const rateTitle = `Rate (${input.unitLabel})`;
  const x = {
    field: 'periodStart',
    type: 'temporal',
    timeUnit: timeUnits[input.period],
    title: null,
    scale: { padding: 10 },
    axis: { format: axisFormats[input.period], labelOverlap: true, grid: false },
  } as const;
  // One colour per stratum, in the order the API sent them; a single series keeps the first colour.
  const color = by
    ? {
        field: 'stratum',
        type: 'nominal',
        title: dimensionLabels[by],
        sort: strata,
        scale: { range: TREND_PALETTE },
        legend: {
          orient: 'bottom',
          direction: 'horizontal',
          columns: 4,
          symbolType: 'stroke',
          symbolOpacity: 1, // not the faint opacity of the CI band
          symbolStrokeWidth: 3,
        },
      } as const
    : { value: TREND_PALETTE[0] };
  const tooltip = [
    { field: 'period', type: 'nominal', title: 'Period' } as const,
    ...(by ? [{ field: 'stratum', type: 'nominal', title: dimensionLabels[by] } as const] : []),
    { field: 'rate', type: 'quantitative', title: rateTitle, format: '.1f' } as const,
    { field: 'ci', type: 'nominal', title: '95% CI' } as const,
    { field: 'numerator', type: 'quantitative', title: 'Numerator', format: ',' } as const,
    { field: 'denominator', type: 'quantitative', title: 'Denominator', format: ',' } as const,
  ];

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${rateTitle} by ${input.period}${by ? ` and ${dimensionLabels[by].toLowerCase()}` : ''}`,
    ...(input.title
      ? { title: { text: input.title, subtitle: suppressionNote(input.rows) ?? '' } }
      : {}),
    width: input.width ?? 640,
    height: input.height ?? 320,
    autosize: { type: 'fit', contains: 'padding' },
    data: { values },
    encoding: {
      x,
      color,
    },
    layer: [
      {
        name: 'ci',
        mark: { type: 'area', opacity: bandOpacity, interpolate: 'linear' },
        encoding: {
          y: { field: 'ciLow', type: 'quantitative', title: rateTitle, scale: { zero: false, nice: true } },
          y2: { field: 'ciHigh' },
        },
      },
      {
        name: 'line',
        mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' },
        encoding: { y: { field: 'rate', type: 'quantitative' } },
      },
      {
        name: 'points',
        mark: { type: 'point', filled: true, size: pointSize, opacity: 1 },
        encoding: { y: { field: 'rate', type: 'quantitative' }, tooltip },
      },
    ],
    config: {
      font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      view: { stroke: null },
      axis: {
        labelColor: '#4a5463',
        titleColor: '#2b3340',
        titleFontWeight: 500,
        gridColor: '#e6e9ee',
        domainColor: '#b8c0cc',
        tickColor: '#b8c0cc',
        labelFontSize: 11,
        titleFontSize: 12,
      },
      legend: { labelColor: '#2b3340', titleColor: '#2b3340', labelFontSize: 12, titleFontSize: 12 },
      title: { anchor: 'start', color: '#1d2430', subtitleColor: '#5b6573', fontSize: 15 },
    },
  };
}

/** The plotted points: suppressed rows and rows without a rate are dropped. */
export function toTrendData(
  rows: readonly MeasureRow[],
  period: Period,
  by: Dimension | null,
): TrendDatum[] {
  const data: TrendDatum[] = [];
  for (const row of rows) {
    if (row.suppressed || row.rate === null || row.ciLow === null || row.ciHigh === null) continue;
    const value = by ? row[by] : undefined;
    data.push({
      period: row.period,
      periodStart: periodStart(row.period, period),
      stratum: by && value !== undefined ? valueLabel(by, value) : ALL,
      rate: row.rate,
      ciLow: row.ciLow,
      ciHigh: row.ciHigh,
      ci: `${row.ciLow.toFixed(1)}–${row.ciHigh.toFixed(1)}`,
      numerator: row.numerator,
      denominator: row.denominator,
    });
  }
  return data;
}

export function countSuppressed(rows: readonly MeasureRow[]): number {
  return rows.filter((row) => row.suppressed).length;
}

/** Says how many cells the chart leaves out and why, or null when none are. */
export function suppressionNote(rows: readonly MeasureRow[]): string | null {
  const suppressed = rows.filter((row) => row.suppressed);
  const complementary = suppressed.filter((row) => row.suppressionReason === 'complementary').length;
  const small = suppressed.length - complementary;
  const parts = [
    ...(small > 0 ? [messages.suppressed(small)] : []),
    ...(complementary > 0 ? [messages.complementary(complementary)] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : null;
}

function uniqueStrata(values: readonly TrendDatum[]): string[] {
  return [...new Set(values.map((d) => d.stratum))];
}
