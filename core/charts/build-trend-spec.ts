// Pure Vega-Lite spec for a measure's trend: a 95% CI band, a line and points per stratum.
// Used by the dashboard and by the server-side e-mail renderer: no DOM, no fetch, no globals.
// Honest by construction: a hidden period breaks the line (trend-series.ts), strata with nothing
// shown are named, the value axis starts at zero, the title says crude or age-adjusted, and no two
// strata share a colour (beyond the palette, one stratum is highlighted and the rest are grey).
import type { TopLevelSpec } from 'vega-lite';
import type { Dimension, MeasureRow, MeasureUnit, TimePeriod } from '../api/api-types.ts';
import { dimensionLabels, periodLabels } from './labels.ts';
import { messages } from './messages.ts';
import { CATEGORICAL_PALETTE, CONTEXT_GREY, HIGHLIGHT_COLOUR, SINGLE_SERIES_COLOUR } from './palette.ts';
import { strataNotShown, strataOrder, suppressionNote, toTrendData, type TrendDatum } from './trend-series.ts';
import { axisTitle, unitFormat } from './units.ts';
import { CHART_CONFIG } from './chart-theme.ts';

export { countSuppressed, countUnreliable, strataNotShown, suppressionNote, toTrendData, type TrendDatum } from './trend-series.ts';
/** @deprecated the palette lives in palette.ts; kept for importers of the old name. */
export const TREND_PALETTE = CATEGORICAL_PALETTE;

export interface TrendSpecInput {
  rows: readonly MeasureRow[];
  period: TimePeriod;
  /** The stratifier; rows then carry one value of it each. */
  by?: Dimension | null;
  unit: MeasureUnit | string;
  unitLabel: string;
  /** `age`: plot the age-adjusted rates (rows of adjust=age); otherwise the crude rates. */
  adjust?: 'age' | null;
  /** With more strata than colours, the stratum (its label, e.g. "Essex County") drawn in colour; default the first. */
  highlight?: string | null;
  /** A chart title, for standalone renders (e-mail); without one the title says crude or age-adjusted. */
  title?: string;
  width?: number | 'container';
  height?: number;
  /**
   * Draw the keyboard's focus (the dashboard): the signals `focusStratum`, `focusPeriod` and
   * `focusStart` (the period's first day) mark a point with a ring and its period with a line.
   */
  focusable?: boolean;
}

/** The focus ring and line: dark, and drawn above the points of every palette colour. */
export const FOCUS_COLOUR = '#1d2430';

const timeUnits = { year: 'utcyear', quarter: 'utcyearquarter', month: 'utcyearmonth' } as const;
const axisFormats = { year: '%Y', quarter: '%Y Q%q', month: '%b %Y' } as const;

export function buildTrendSpec(input: TrendSpecInput): TopLevelSpec {
  const by = input.by ?? null;
  const adjusted = input.adjust === 'age';
  const allStrata = strataOrder(input.rows, by);
  const notShown = strataNotShown(input.rows, by, adjusted);
  const strata = allStrata.filter((stratum) => !notShown.includes(stratum));
  const manyStrata = by !== null && strata.length > CATEGORICAL_PALETTE.length;
  const highlight = manyStrata ? (input.highlight && strata.includes(input.highlight) ? input.highlight : strata[0]!) : null;
  const values = markHighlight(toTrendData(input.rows, input.period, by, { unit: input.unit, unitLabel: input.unitLabel, adjusted }), highlight);
  const periods = new Set(values.map((d) => d.period)).size;
  const valueTitle = `${adjusted ? 'Age-adjusted ' : ''}${axisTitle(input.unit, input.unitLabel).replace(/^Rate/, adjusted ? 'rate' : 'Rate')}`;
  const { d3Format } = unitFormat(input.unit, input.unitLabel);
  const adjustment = adjusted ? messages.ageAdjusted() : messages.crude();
  const notes = [
    ...(input.title ? [adjustment] : []),
    ...(notShown.length ? [messages.strataNotShown(notShown)] : []),
    ...(manyStrata ? [messages.highlighted(highlight!, strata.length)] : []),
    ...[suppressionNote(input.rows)].filter((note): note is string => note !== null),
  ];

  const x = {
    field: 'periodStart',
    type: 'temporal',
    timeUnit: timeUnits[input.period],
    title: null,
    // No scale padding: a tick inside it (January of the next year) would overflow the chart,
    // while labels at the very ends are drawn flush (Vega-Lite's default for time axes).
    axis: { format: axisFormats[input.period], labelOverlap: true, grid: false },
  } as const;
  const color = manyStrata
    ? { condition: { test: 'datum.highlighted', value: HIGHLIGHT_COLOUR }, value: CONTEXT_GREY }
    : by
      ? ({
          field: 'stratum',
          type: 'nominal',
          title: dimensionLabels[by],
          sort: strata,
          scale: { domain: strata, range: CATEGORICAL_PALETTE.slice(0, Math.max(1, strata.length)) },
          legend: { orient: 'bottom', direction: 'horizontal', columns: 4, symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 3 },
        } as const)
      : { value: SINGLE_SERIES_COLOUR };

  const layers = trendLayers(values, {
    // Overlapping bands darken each other: the more strata, the fainter each band.
    bandOpacity: strata.length > 3 ? 0.08 : 0.16,
    // Dense series (months) read better as lines; the points stay for hover and tooltips.
    pointSize: periods <= 16 ? 44 : periods <= 40 ? 24 : 10,
    valueTitle,
    d3Format,
    byTitle: by ? dimensionLabels[by] : null,
    manyStrata,
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(input.focusable ? { params: FOCUS_SIGNALS.map((name) => ({ name, value: null })) } : {}),
    description: describeChart({ input, by, adjustment, valueTitle, strata, notShown, highlight, values }),
    title: { text: input.title ?? adjustment, subtitle: notes.length ? notes : '' },
    width: input.width ?? 640,
    height: input.height ?? 320,
    autosize: { type: 'fit', contains: 'padding' },
    data: { values },
    encoding: { x, color },
    layer: input.focusable ? [...layers, ...focusLayers()] : layers,
    config: CHART_CONFIG,
  };
}

const FOCUS_SIGNALS = ['focusStratum', 'focusPeriod', 'focusStart'] as const;

/** The keyboard's focus: a line at the focused period (a suppressed one too) and a ring on its point, if shown. */
function focusLayers(): Layer[] {
  return [
    {
      name: 'focus-period',
      data: { values: [{}] },
      transform: [{ calculate: 'isValid(focusStart) ? toDate(focusStart) : null', as: 'periodStart' }, { filter: 'isValid(datum.periodStart)' }],
      mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5, aria: false },
      encoding: { color: { value: FOCUS_COLOUR } },
    },
    {
      name: 'focus-point',
      transform: [{ filter: 'datum.stratum === focusStratum && datum.period === focusPeriod' }],
      mark: { type: 'point', filled: false, size: 320, strokeWidth: 3, opacity: 1, aria: false },
      encoding: { y: { field: 'rate', type: 'quantitative' }, color: { value: FOCUS_COLOUR } },
    },
  ];
}

/** Marks the highlighted stratum's points, and its last point with its name (a direct label). */
function markHighlight(values: TrendDatum[], highlight: string | null): TrendDatum[] {
  if (highlight === null) return values;
  const own = values.filter((d) => d.stratum === highlight);
  const last = own.reduce<TrendDatum | null>((latest, d) => (!latest || d.period > latest.period ? d : latest), null);
  return values.map((d) => ({ ...d, highlighted: d.stratum === highlight, directLabel: d === last ? highlight : null }));
}

/** The chart in words (the SVG's aria-label): what, how adjusted, which strata, which are not shown. */
function describeChart(c: { input: TrendSpecInput; by: Dimension | null; adjustment: string; valueTitle: string; strata: string[]; notShown: string[]; highlight: string | null; values: TrendDatum[] }): string {
  const periods = [...new Set(c.values.map((d) => d.period))].sort();
  const span = periods.length ? `, ${periods[0]} to ${periods.at(-1)}` : '';
  const what = `Line chart of ${c.input.title ? `${c.input.title}, ` : ''}${c.valueTitle.toLowerCase()} by ${periodLabels[c.input.period].toLowerCase()}${span}; ${c.adjustment.toLowerCase()}`;
  const strata = c.by ? `; one line per ${dimensionLabels[c.by].toLowerCase()}: ${c.strata.join(', ') || 'none shown'}` : '';
  const highlight = c.highlight ? `; ${c.highlight} in colour, the others in grey` : '';
  const hidden = c.notShown.length ? `. ${messages.strataNotShown(c.notShown)}` : '';
  const gaps = c.values.length && c.values.some((d) => !d.segment.endsWith('#0')) ? '. Gaps in a line are suppressed periods' : '';
  return `${what}${strata}${highlight}${hidden}${gaps}. Shaded bands are 95% confidence intervals; the value axis starts at zero.`;
}

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

interface LayerStyle {
  bandOpacity: number;
  pointSize: number;
  valueTitle: string;
  d3Format: string;
  /** The stratifier's name, when there is one. */
  byTitle: string | null;
  /** More strata than colours: grey context lines, the highlighted one in colour, directly labelled. */
  manyStrata: boolean;
}

/** CI band, lines, points and direct labels; layers without data are left out (Vega warns of their infinite domain). */
function trendLayers(values: readonly TrendDatum[], style: LayerStyle): Layer[] {
  // The value axis starts at zero, so the height of a line is the size of the rate.
  const scale = { zero: true, nice: true } as const;
  // Axis ticks are round numbers: drop the trailing zeros the tooltip format keeps.
  const axis = { format: style.d3Format.replace(/\.\d+f$/, '~f') };
  const y = { field: 'rate', type: 'quantitative', title: style.valueTitle, axis, scale } as const;
  // A line per run of shown periods (segment): a hidden period is a gap, never a bridge.
  const segment = { detail: { field: 'segment', type: 'nominal' } } as const;
  const tooltip = [
    { field: 'period', type: 'nominal', title: 'Period' } as const,
    ...(style.byTitle ? [{ field: 'stratum', type: 'nominal', title: style.byTitle } as const] : []),
    { field: 'rate', type: 'quantitative', title: style.valueTitle, format: style.d3Format } as const,
    { field: 'ciLow', type: 'quantitative', title: '95% CI lower bound', format: style.d3Format } as const,
    { field: 'ciHigh', type: 'quantitative', title: '95% CI upper bound', format: style.d3Format } as const,
    { field: 'numerator', type: 'quantitative', title: 'Numerator', format: ',.0f' } as const,
    { field: 'denominator', type: 'quantitative', title: 'Denominator', format: ',.0f' } as const,
    { field: 'reliability', type: 'nominal', title: 'Reliability' } as const,
  ];
  const pointEncoding = { y, tooltip, description: { field: 'label', type: 'nominal' } } as const;
  const layers: Layer[] = [];
  const banded = (d: TrendDatum) => d.ciLow !== null && d.ciHigh !== null && (!style.manyStrata || d.highlighted);
  if (values.some(banded)) {
    layers.push({
      name: 'ci',
      transform: [{ filter: `isValid(datum.ciLow) && isValid(datum.ciHigh)${style.manyStrata ? ' && datum.highlighted' : ''}` }],
      // Not announced on its own: each point says its interval's bounds by name.
      mark: { type: 'area', opacity: style.bandOpacity, aria: false },
      encoding: { y: { field: 'ciLow', type: 'quantitative', title: style.valueTitle, axis, scale }, y2: { field: 'ciHigh' }, ...segment },
    });
  }
  if (style.manyStrata && values.some((d) => !d.highlighted)) {
    layers.push({
      name: 'context-lines',
      transform: [{ filter: '!datum.highlighted' }],
      mark: { type: 'line', strokeWidth: 1, aria: false },
      encoding: { y, ...segment },
    });
  }
  layers.push({
    name: 'line',
    ...(style.manyStrata ? { transform: [{ filter: 'datum.highlighted' }] } : {}),
    mark: { type: 'line', strokeWidth: style.manyStrata ? 2.5 : 2, aria: false },
    encoding: { y, ...segment },
  });
  // NCHS presentation standard: unreliable estimates are drawn hollow rather than hidden.
  if (values.some((d) => !d.unreliable)) {
    layers.push({
      name: 'points',
      transform: [{ filter: '!datum.unreliable' }],
      mark: { type: 'point', filled: true, size: style.pointSize, opacity: 1 },
      encoding: pointEncoding,
    });
  }
  if (values.some((d) => d.unreliable)) {
    layers.push({
      name: 'unreliable-points',
      transform: [{ filter: 'datum.unreliable' }],
      mark: { type: 'point', filled: false, fill: '#ffffff', strokeWidth: 1.5, size: style.pointSize, opacity: 1 },
      encoding: pointEncoding,
    });
  }
  if (values.some((d) => d.directLabel !== null)) {
    layers.push({
      name: 'direct-label',
      transform: [{ filter: 'isValid(datum.directLabel)' }],
      mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -8, fontWeight: 600, aria: false },
      encoding: { y: { field: 'rate', type: 'quantitative' }, text: { field: 'directLabel', type: 'nominal' } },
    });
  }
  return layers;
}
