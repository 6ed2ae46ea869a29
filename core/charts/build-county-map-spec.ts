// Pure Vega-Lite spec for a measure by county in one period: a choropleth of the state the data are
// from, with suppressed counties grey and hatched, never coloured. Used by the dashboard and
// kept free of the browser for server-side renders (issue 19): no DOM, no fetch, no globals; the outlines come in as GeoJSON features.
import type { TopLevelSpec } from 'vega-lite';
import type { MeasureRow, MeasureUnit } from '../api/api-types.ts';
import { messages } from './messages.ts';
import { axisTitle, unitFormat } from './units.ts';
import { CHART_CONFIG } from './chart-theme.ts';
import type { CountyFeature } from './county-geography.ts';
import { statusLabel, toCountyData, type CountyStatus } from './county-map-data.ts';
import { hatchLines, outlineBounds } from './hatch-lines.ts';

export interface CountyMapSpecInput {
  /** County outlines (us-atlas); those of the state the rows name are drawn. */
  features: readonly CountyFeature[];
  /** One period's rows, each naming its `county`. */
  rows: readonly MeasureRow[];
  unit: MeasureUnit | string;
  unitLabel: string;
  /** The period shown ("2024"), for the description and the title. */
  period: string;
  /** A chart title, for standalone renders (e-mail); the dashboard shows its own heading. */
  title?: string;
  /** A county (API name) to outline, e.g. the page's county filter. */
  highlight?: string | null;
  /** 2-digit state FIPS code, when it is known rather than guessed from the names. */
  stateFips?: string;
  width?: number | 'container';
  height?: number;
  /** For narrow screens: the colour scale above the map and the key below it, rather than beside it. */
  compact?: boolean;
  /** Draw the keyboard's focus (the dashboard): the signal `focusCounty` (an API name) outlines that county. */
  focusable?: boolean;
}

/** Fill of counties without a colour: a neutral grey, told apart from the scale's lightest blue. */
export const NO_COLOUR_FILL = '#e4e7eb';
const HATCH_STROKE = '#8a94a1';
const COUNTY_BORDER = '#ffffff';
/** The keyboard's focus: orange, told apart from the filter's dark outline and from every blue. */
const FOCUS_STROKE = '#d9480f';
/** A hatched square for the legend, in Vega's unit-square symbol coordinates. */
const HATCH_SYMBOL = 'M-1,-1H1V1H-1Z M-1,0L0,-1 M-1,1L1,-1 M0,1L1,0';
/** The statuses the key explains, in its order. */
const KEYED_STATUSES = ['suppressed', 'complementary', 'no-estimate'] as const satisfies readonly CountyStatus[];

export function buildCountyMapSpec(input: CountyMapSpecInput): TopLevelSpec {
  const values = toCountyData(input);
  const valueTitle = axisTitle(input.unit, input.unitLabel);
  const { d3Format } = unitFormat(input.unit, input.unitLabel);
  const estimates = values.filter((d) => d.status === 'estimate');
  const distinctRates = new Set(estimates.map((d) => d.rate)).size;
  const hatched = values.filter((d) => d.status === 'suppressed' || d.status === 'complementary');
  const statuses = KEYED_STATUSES.filter((status) => values.some((d) => d.status === status));
  const statusKey = statuses.map(statusLabel);

  const tooltip = [
    { field: 'county', type: 'nominal', title: 'County' } as const,
    { field: 'value', type: 'nominal', title: valueTitle } as const,
    { field: 'ci', type: 'nominal', title: '95% CI' } as const,
    { field: 'numerator', type: 'nominal', title: 'Numerator' } as const,
    { field: 'denominator', type: 'nominal', title: 'Denominator' } as const,
    { field: 'reliability', type: 'nominal', title: 'Reliability' } as const,
  ];

  const fill =
    estimates.length > 0
      ? ({
          condition: { test: "datum.status !== 'estimate'", value: NO_COLOUR_FILL },
          field: 'rate',
          type: 'quantitative',
          title: valueTitle,
          // One hue, light to dark (ColorBrewer Blues), starting dark enough to tell from the grey.
          // A single value would make a one-point scale: anchor it at zero so the key reads as a scale.
          scale: { scheme: { name: 'blues', extent: [0.2, 0.95] }, zero: distinctRates === 1, nice: false },
          legend: {
            format: d3Format.replace(/\.\d+f$/, '~f'),
            orient: input.compact ? 'top' : 'right',
            gradientLength: 160,
            titleLimit: 260,
          },
        } as const)
      : { value: NO_COLOUR_FILL };

  const layers: Layer[] = [
    {
      name: 'counties',
      data: { values },
      mark: { type: 'geoshape', stroke: COUNTY_BORDER, strokeWidth: 0.75, invalid: null },
      encoding: { fill, tooltip },
    },
  ];
  if (statusKey.length > 0) {
    // The hatching, and the legend key of the counties without a colour. Its scale lists every
    // such status present, so "no estimate" gets its key even though it has no hatching.
    const [west, south, east, north] = outlineBounds(values.map((d) => d.geometry as Outline));
    const lonScale = Math.cos((((south + north) / 2) * Math.PI) / 180);
    // About a hundred lines across the state, whatever its size: a steady texture once fitted.
    const spacing = Math.max((east - west) * lonScale, north - south) / 95;
    layers.push({
      name: 'suppressed-hatching',
      data: {
        values: hatched.map((d) => ({ ...d, geometry: hatchLines(d.geometry as Outline, spacing, lonScale) })),
      },
      mark: { type: 'geoshape', fill: 'none', strokeWidth: 0.8, strokeCap: 'round', aria: false },
      encoding: {
        stroke: {
          field: 'statusKey',
          type: 'nominal',
          title: null,
          scale: { domain: statusKey, range: statusKey.map(() => HATCH_STROKE) },
          legend: {
            orient: input.compact ? 'bottom' : 'right',
            direction: 'vertical',
            description: `Key to the counties without a colour: ${statusKey.join(', ')}`,
            symbolType: HATCH_SYMBOL,
            symbolSize: 180,
            symbolStrokeWidth: 1,
            labelLimit: 320,
            // Filled grey as on the map; "no estimate" is a plain square, without the hatching.
            encoding: {
              symbols: {
                fill: { value: NO_COLOUR_FILL },
                shape: {
                  condition: { test: `datum.value === ${JSON.stringify(messages.mapNoEstimate())}`, value: 'square' },
                  value: HATCH_SYMBOL,
                },
              },
            },
          },
        },
        tooltip,
      },
    });
  }
  if (hatched.length > 0) {
    // The hatching runs over the borders the counties layer drew: draw them again, on top, without
    // a fill that would catch the pointer before the counties do.
    layers.push({
      name: 'borders',
      data: { values },
      mark: { type: 'geoshape', fill: 'none', stroke: COUNTY_BORDER, strokeWidth: 0.75, aria: false },
    });
  }
  const highlighted = values.find((d) => d.county === input.highlight);
  if (highlighted) {
    layers.push({
      name: 'highlight',
      data: { values: [highlighted] },
      mark: { type: 'geoshape', fill: 'none', stroke: '#1d2430', strokeWidth: 2, aria: false },
      encoding: { tooltip },
    });
  }

  if (input.focusable) {
    layers.push({
      name: 'focus',
      data: { values },
      transform: [{ filter: 'datum.county === focusCounty' }],
      mark: { type: 'geoshape', fill: 'none', stroke: FOCUS_STROKE, strokeWidth: 3, aria: false },
    });
  }

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(input.focusable ? { params: [{ name: 'focusCounty', value: null }] } : {}),
    description: `${valueTitle} by county, ${input.period}`,
    ...(input.title ? { title: { text: input.title, subtitle: input.period } } : {}),
    width: input.width ?? 640,
    height: input.height ?? 360,
    autosize: { type: 'fit', contains: 'padding' },
    // Conic equal-area, fitted to the state's outlines; the US composite keeps Alaska and Hawaii whole.
    projection: { type: 'albersUsa' },
    layer: layers,
    config: CHART_CONFIG,
  };
}

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];
type Outline = CountyFeature['geometry'];
