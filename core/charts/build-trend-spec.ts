// Pure Vega-Lite spec for a measure's trend: a 95% CI band, a line and points per stratum.
// Used by the dashboard and kept free of the browser for server-side renders (issue 19): no DOM,
// no fetch, no globals.
import type { TopLevelSpec } from 'vega-lite';
import type { Dimension, MeasureRow, MeasureUnit, TimePeriod } from '../api/api-types.ts';
import { dimensionLabels, valueLabel } from './labels.ts';
import { messages } from './messages.ts';
import { periodStart } from './periods.ts';
import { axisTitle, formatInterval, unitFormat } from './units.ts';
import { CHART_CONFIG } from './chart-theme.ts';

export interface TrendSpecInput {
  rows: readonly MeasureRow[];
  period: TimePeriod;
  /** The stratifier; rows then carry one value of it each. */
  by?: Dimension | null;
  unit: MeasureUnit | string;
  unitLabel: string;
  /** A chart title, for standalone renders (e-mail); the dashboard shows its own heading. */
  title?: string;
  width?: number | 'container';
  height?: number;
}

/** One plotted point; suppressed cells and cells without an estimate never become one. */
export interface TrendDatum {
  period: string;
  periodStart: string;
  stratum: string;
  rate: number;
  ciLow: number | null;
  ciHigh: number | null;
  ci: string;
  numerator: number | null;
  denominator: number | null;
  unreliable: boolean;
  reliability: string;
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
  const values = toTrendData(input.rows, input.period, by, input.unit);
  // Strata in the order the API sends them, counting suppressed cells, so that a stratum whose
  // first periods are suppressed keeps its place (and colour).
  const plotted = new Set(values.map((d) => d.stratum));
  const strata = strataOrder(input.rows, by).filter((stratum) => plotted.has(stratum));
  const periods = new Set(values.map((d) => d.period)).size;
  const valueTitle = axisTitle(input.unit, input.unitLabel);
  const { d3Format } = unitFormat(input.unit, input.unitLabel);
  // Overlapping bands darken each other: the more strata, the fainter each band.
  const bandOpacity = strata.length > 3 ? 0.08 : 0.16;
  // Dense series (months) read better as lines; the points stay for hover and tooltips.
  const pointSize = periods <= 16 ? 44 : periods <= 40 ? 24 : 10;

  const x = {
    field: 'periodStart',
    type: 'temporal',
    timeUnit: timeUnits[input.period],
    title: null,
    // No scale padding: a tick inside it (January of the next year) would overflow the chart,
    // while labels at the very ends are drawn flush (Vega-Lite's default for time axes).
    axis: { format: axisFormats[input.period], labelOverlap: true, grid: false },
  } as const;
  // One colour per stratum; a single series keeps the first colour.
  const color = by
    ? ({
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
      } as const)
    : { value: TREND_PALETTE[0] };

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${valueTitle} by ${input.period}${by ? ` and ${dimensionLabels[by].toLowerCase()}` : ''}`,
    ...(input.title ? { title: { text: input.title, subtitle: suppressionNote(input.rows) ?? '' } } : {}),
    width: input.width ?? 640,
    height: input.height ?? 320,
    autosize: { type: 'fit', contains: 'padding' },
    data: { values },
    encoding: { x, color },
    layer: trendLayers(values, {
      bandOpacity,
      pointSize,
      valueTitle,
      d3Format,
      byTitle: by ? dimensionLabels[by] : null,
    }),
    config: CHART_CONFIG,
  };
}

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

interface LayerStyle {
  bandOpacity: number;
  pointSize: number;
  valueTitle: string;
  d3Format: string;
  /** The stratifier's name, when there is one. */
  byTitle: string | null;
}

/** CI band, line, points; layers without data are left out (Vega warns of their infinite domain). */
function trendLayers(values: readonly TrendDatum[], style: LayerStyle): Layer[] {
  const y = { field: 'rate', type: 'quantitative' } as const;
  // Axis ticks are round numbers: drop the trailing zeros the tooltip format keeps.
  const axis = { format: style.d3Format.replace(/\.\d+f$/, '~f') };
  const tooltip = [
    { field: 'period', type: 'nominal', title: 'Period' } as const,
    ...(style.byTitle ? [{ field: 'stratum', type: 'nominal', title: style.byTitle } as const] : []),
    { field: 'rate', type: 'quantitative', title: style.valueTitle, format: style.d3Format } as const,
    { field: 'ci', type: 'nominal', title: '95% CI' } as const,
    { field: 'numerator', type: 'quantitative', title: 'Numerator', format: ',.0f' } as const,
    { field: 'denominator', type: 'quantitative', title: 'Denominator', format: ',.0f' } as const,
    { field: 'reliability', type: 'nominal', title: 'Reliability' } as const,
  ];
  const layers: Layer[] = [];
  if (values.some((d) => d.ciLow !== null && d.ciHigh !== null)) {
    layers.push({
      name: 'ci',
      transform: [{ filter: 'isValid(datum.ciLow) && isValid(datum.ciHigh)' }],
      mark: { type: 'area', opacity: style.bandOpacity },
      encoding: {
        y: {
          field: 'ciLow',
          type: 'quantitative',
          title: style.valueTitle,
          axis,
          scale: { zero: false, nice: true },
        },
        y2: { field: 'ciHigh' },
      },
    });
  }
  layers.push({
    name: 'line',
    mark: { type: 'line', strokeWidth: 2 },
    encoding: { y: { ...y, title: style.valueTitle, axis, scale: { zero: false, nice: true } } },
  });
  // NCHS presentation standard: unreliable estimates are drawn hollow rather than hidden.
  if (values.some((d) => !d.unreliable)) {
    layers.push({
      name: 'points',
      transform: [{ filter: '!datum.unreliable' }],
      mark: { type: 'point', filled: true, size: style.pointSize, opacity: 1 },
      encoding: { y, tooltip },
    });
  }
  if (values.some((d) => d.unreliable)) {
    layers.push({
      name: 'unreliable-points',
      transform: [{ filter: 'datum.unreliable' }],
      mark: { type: 'point', filled: false, fill: '#ffffff', strokeWidth: 1.5, size: style.pointSize, opacity: 1 },
      encoding: { y, tooltip },
    });
  }
  return layers;
}

/** The plotted points: suppressed rows and rows without an estimate are dropped. */
export function toTrendData(
  rows: readonly MeasureRow[],
  period: TimePeriod,
  by: Dimension | null,
  unit: MeasureUnit | string = 'percent',
): TrendDatum[] {
  const data: TrendDatum[] = [];
  for (const row of rows) {
    if (row.suppressed || row.rate === null) continue;
    const value = by ? row[by] : undefined;
    const unreliable = row.unreliable === true;
    data.push({
      period: row.period,
      periodStart: periodStart(row.period, period),
      stratum: by && value !== undefined ? valueLabel(by, value) : ALL,
      rate: row.rate,
      ciLow: row.ciLow,
      ciHigh: row.ciHigh,
      ci: row.ciLow !== null && row.ciHigh !== null ? formatInterval(row.ciLow, row.ciHigh, unit) : 'n/a',
      numerator: row.numerator,
      denominator: row.denominator,
      unreliable,
      reliability: unreliable ? messages.unreliableShort() : 'Reliable',
    });
  }
  return data;
}

function strataOrder(rows: readonly MeasureRow[], by: Dimension | null): string[] {
  if (!by) return [ALL];
  const order = new Set<string>();
  for (const row of rows) {
    const value = row[by];
    if (value !== undefined) order.add(valueLabel(by, value));
  }
  return [...order];
}

export function countSuppressed(rows: readonly MeasureRow[]): number {
  return rows.filter((row) => row.suppressed).length;
}

export function countUnreliable(rows: readonly MeasureRow[]): number {
  return rows.filter((row) => !row.suppressed && row.rate !== null && row.unreliable === true).length;
}

/** Says how many cells the chart leaves out and why, or null when none are. */
export function suppressionNote(rows: readonly MeasureRow[]): string | null {
  const suppressed = rows.filter((row) => row.suppressed);
  const complementary = suppressed.filter((row) => row.suppressionReason === 'complementary').length;
  const dominance = suppressed.filter((row) => row.suppressionReason === 'dominance').length;
  const small = suppressed.length - complementary - dominance;
  const parts = [
    ...(small > 0 ? [messages.suppressed(small)] : []),
    ...(dominance > 0 ? [messages.dominance(dominance)] : []),
    ...(complementary > 0 ? [messages.complementary(complementary)] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : null;
}
