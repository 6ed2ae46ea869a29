// The county map's pure parts: placing API county names on us-atlas outlines, the hatching of
// suppressed counties, and the Vega-Lite spec, compiled with vega-lite and rendered to SVG with vega.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { compileStrict } from '../helpers/compile-vega-lite.ts';
import type { TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { buildCountyMapSpec, NO_COLOUR_FILL } from '../../core/charts/build-county-map-spec.ts';
import { toCountyData } from '../../core/charts/county-map-data.ts';
import { countyKey, placeCounties, type CountyFeature } from '../../core/charts/county-geography.ts';
import { hatchLines } from '../../core/charts/hatch-lines.ts';
import type { MeasureRow } from '../../core/api/api-types.ts';
import { messages } from '../../core/charts/messages.ts';

// us-atlas (ISC licence): Census Bureau cartographic boundary files, the same file the dashboard loads.
const atlasPath = createRequire(import.meta.url).resolve('us-atlas/counties-10m.json');
const topology = JSON.parse(readFileSync(atlasPath, 'utf8')) as Topology<{
  counties: GeometryCollection<{ name: string }>;
}>;
const features = feature(topology, topology.objects.counties).features.map((county) => ({
  ...county,
  id: String(county.id),
})) as CountyFeature[];

// The 14 counties of Massachusetts, as the API names them (data/reference/ma-counties.csv).
const MA_COUNTIES = [
  'Barnstable', 'Berkshire', 'Bristol', 'Dukes', 'Essex', 'Franklin', 'Hampden',
  'Hampshire', 'Middlesex', 'Nantucket', 'Norfolk', 'Plymouth', 'Suffolk', 'Worcester',
].map((name) => `${name} County`);

function row(county: string, rate: number, extra: Partial<MeasureRow> = {}): MeasureRow {
  return {
    period: '2024', county, numerator: Math.round(rate * 10), denominator: 1000,
    rate, ciLow: rate - 1, ciHigh: rate + 1, unreliable: false, suppressed: false, ...extra,
  };
}

function suppressedRow(county: string, reason: MeasureRow['suppressionReason'] = 'small-cell'): MeasureRow {
  return {
    period: '2024', county, numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null,
    suppressed: true, suppressionReason: reason,
  };
}

// Three suppressed counties (one to protect the others), one with nobody in it, ten estimates.
const SUPPRESSED = ['Dukes County', 'Nantucket County'];
const rows: MeasureRow[] = MA_COUNTIES.map((county, i) => {
  if (SUPPRESSED.includes(county)) return suppressedRow(county);
  if (county === 'Franklin County') return suppressedRow(county, 'complementary');
  if (county === 'Hampshire County') return { ...row(county, 0), numerator: 0, denominator: 0, rate: null, ciLow: null, ciHigh: null };
  return row(county, 6 + i * 0.5);
});

const input = { features, rows, unit: 'percent', unitLabel: '%', period: '2024' } as const;

async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compileStrict(spec).vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The `d`-carrying paths of one mark group, with their fills. */
function markPaths(svg: string, name: string): { d: string; fill: string | null }[] {
  const group = new RegExp(`<g[^>]*class="mark-shape role-mark ${name}_marks"[^>]*>(.*?)</g>`, 's').exec(svg);
  if (!group) return [];
  return [...group[1].matchAll(/<path([^>]*)>/g)].map((path) => ({
    d: /\sd="([^"]*)"/.exec(path[1])?.[1] ?? '',
    fill: /\sfill="([^"]*)"/.exec(path[1])?.[1] ?? null,
  }));
}

const layerNames = (spec: TopLevelSpec) => (spec as unknown as { layer: { name: string }[] }).layer.map((l) => l.name);

describe('placeCounties', () => {
  it('finds Massachusetts from its county names, though Middlesex, Essex and others exist elsewhere', () => {
    const placement = placeCounties(features, [...MA_COUNTIES, 'Unknown']);
    expect(placement.stateFips).toBe('25');
    expect(placement.stateCounties).toHaveLength(14);
    expect(placement.placed.get('Middlesex County')?.id).toBe('25017');
    expect(placement.placed.get('Nantucket County')?.id).toBe('25019');
    expect(placement.unplaced).toEqual(['Unknown']);
  });

  it('settles a tie by coverage, and takes a given state over the guess', () => {
    // Massachusetts (14 counties), New Jersey (21) and Virginia (133) each have a Middlesex and an
    // Essex; both names cover the largest share of Massachusetts.
    const guess = placeCounties(features, ['Middlesex County', 'Essex County']);
    for (const state of ['25', '34', '51']) {
      expect(placeCounties(features, ['Middlesex County', 'Essex County'], state).placed.size).toBe(2);
    }
    expect(guess.stateFips).toBe('25');
    expect(placeCounties(features, ['Middlesex County'], '09').placed.get('Middlesex County')?.id).toBe('09007');
  });

  it('matches names without their description, case or accents', () => {
    expect(countyKey('Middlesex County')).toBe('middlesex');
    expect(countyKey('Doña Ana County')).toBe('dona ana');
    expect(countyKey('Orleans Parish')).toBe('orleans');
    expect(placeCounties(features, ['Doña Ana County']).placed.get('Doña Ana County')?.id).toBe('35013');
  });
});

describe('hatchLines', () => {
  const length = (line: number[][]) => Math.hypot(line[1][0] - line[0][0], line[1][1] - line[0][1]);
  const square = (x0: number, y0: number, size: number) => [
    [x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0],
  ];

  it('cuts 45° lines to the outline: a unit square holds lines of total length 4√2 at spacing ¼', () => {
    // Lines x − y = c, c = −¾ … ¾, each √2·(1 − |c|) long inside the square.
    const hatch = hatchLines({ type: 'Polygon', coordinates: [square(0, 0, 1)] }, 0.25, 1);
    const total = hatch.coordinates.reduce((sum, line) => sum + length(line), 0);
    expect(total).toBeCloseTo(4 * Math.SQRT2, 10);
    for (const [[x1, y1], [x2, y2]] of hatch.coordinates) {
      expect(x1 - y1).toBeCloseTo(x2 - y2, 10); // each segment on one 45° line
    }
  });

  it('leaves holes empty (even–odd rule)', () => {
    const hatch = hatchLines({ type: 'Polygon', coordinates: [square(0, 0, 1), square(0.25, 0.25, 0.5)] }, 0.25, 1);
    const total = hatch.coordinates.reduce((sum, line) => sum + length(line), 0);
    // Minus √2·(½ − |c|) for c = −¼, 0, ¼ inside the hole.
    expect(total).toBeCloseTo(3 * Math.SQRT2, 10);
    for (const [[x1, y1], [x2, y2]] of hatch.coordinates) {
      const [mx, my] = [(x1 + x2) / 2, (y1 + y2) / 2];
      expect(mx > 0.25 && mx < 0.75 && my > 0.25 && my < 0.75).toBe(false);
    }
  });
});

describe('buildCountyMapSpec', () => {
  it('compiles with vega-lite without errors or warnings, with and without suppressed counties', () => {
    for (const spec of [
      buildCountyMapSpec(input),
      buildCountyMapSpec({ ...input, rows: MA_COUNTIES.map((county) => row(county, 9)), highlight: 'Suffolk County' }),
      buildCountyMapSpec({ ...input, rows: MA_COUNTIES.map((county) => suppressedRow(county)), title: 'Diabetes' }),
      buildCountyMapSpec({ ...input, unit: 'dollarsPmpm', unitLabel: 'USD per member per month', compact: true }),
    ]) {
      const { vegaSpec, problems } = compileStrict(spec);
      expect(problems).toEqual([]);
      expect(vegaSpec.projections?.[0]).toMatchObject({ type: 'albersUsa' });
    }
  });

  it('renders to SVG in Node with one path per county of the state, coloured unless suppressed', async () => {
    const svg = await renderSvg(buildCountyMapSpec(input));
    const counties = markPaths(svg, 'counties');
    expect(counties).toHaveLength(14);
    expect(counties.every((path) => path.d.length > 20)).toBe(true);
    const neutral = counties.filter((path) => path.fill === NO_COLOUR_FILL);
    expect(neutral).toHaveLength(4); // Dukes, Nantucket, Franklin (suppressed), Hampshire (no estimate)
    const coloured = counties.filter((path) => path.fill !== NO_COLOUR_FILL);
    expect(coloured).toHaveLength(10);
    expect(coloured.every((path) => /^(rgb\(|#)/.test(path.fill ?? ''))).toBe(true);
    // Three suppressed counties hatched; Hampshire, with nobody in it, is plain.
    expect(markPaths(svg, 'suppressed_hatching')).toHaveLength(3);
  });

  it('keys suppressed counties in the legend, and names each kind of grey only when it is on the map', async () => {
    const svg = await renderSvg(buildCountyMapSpec(input));
    expect(messages.mapSuppressed()).toBe('suppressed (under 11 people or one dominant cost)');
    expect(svg).toContain(messages.mapSuppressed());
    expect(svg).toContain(messages.mapComplementary());
    expect(svg).toContain(messages.mapNoEstimate());
    expect(svg).toContain('Rate (%)');

    const plain = buildCountyMapSpec({ ...input, rows: MA_COUNTIES.map((county, i) => row(county, 5 + i)) });
    expect(layerNames(plain)).toEqual(['counties']);
    const plainSvg = await renderSvg(plain);
    expect(plainSvg).not.toContain('suppressed');
    expect(markPaths(plainSvg, 'counties').every((path) => path.fill !== NO_COLOUR_FILL)).toBe(true);
  });

  it('draws every county of the state, and one without a row as having no estimate', () => {
    const data = toCountyData({ ...input, rows: rows.filter((r) => r.county !== 'Suffolk County') });
    expect(data).toHaveLength(14);
    expect(data.map((d) => d.id)).toEqual([...data.map((d) => d.id)].sort());
    expect(data.find((d) => d.id === '25025')).toMatchObject({ county: 'Suffolk County', status: 'no-estimate' });
  });

  it('writes the county, rate, CI and reliability for the tooltip, and why a county has no colour', () => {
    const data = toCountyData({
      ...input,
      rows: [row('Essex County', 12.345, { ciLow: 10.05, ciHigh: 14.6, unreliable: true }), suppressedRow('Dukes County')],
    });
    expect(data.find((d) => d.county === 'Essex County')).toMatchObject({
      status: 'estimate', rate: 12.345, value: '12.3', ci: '10.1–14.6', numerator: '123', denominator: '1,000',
      reliability: messages.unreliableShort(),
    });
    expect(data.find((d) => d.county === 'Dukes County')).toMatchObject({
      status: 'suppressed', rate: null, value: 'Suppressed (under 11 people or one dominant cost)', ci: 'n/a', numerator: 'n/a',
    });
    const tooltip = (buildCountyMapSpec(input) as unknown as { layer: { encoding: { tooltip: { field: string; title: string }[] } }[] })
      .layer[0].encoding.tooltip;
    expect(tooltip.map((item) => item.title)).toEqual(['County', 'Rate (%)', '95% CI', 'Numerator', 'Denominator', 'Reliability']);
  });

  it('outlines the highlighted county in a layer of its own', async () => {
    const spec = buildCountyMapSpec({ ...input, highlight: 'Worcester County' });
    expect(layerNames(spec).at(-1)).toBe('highlight');
    expect(markPaths(await renderSvg(spec), 'highlight')).toHaveLength(1);
  });
});
