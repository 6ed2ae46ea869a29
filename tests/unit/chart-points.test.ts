// Keyboard access to chart points (issue 17: points and counties were reachable by mouse only): the
// order the arrow keys step through a trend's cells and a map's counties, and the sentence each one
// announces, suppressed cells in words.
import { describe, expect, it } from 'vitest';
import { countyPoints, movePoint, trendPoints, type ChartPoint } from '../../core/charts/chart-points.ts';
import type { CountyDatum } from '../../core/charts/county-map-data.ts';
import type { MeasureRow } from '../../core/api/api-types.ts';

const row = (period: string, sex: string, over: Partial<MeasureRow> = {}): MeasureRow => ({
  period, sex, numerator: 120, denominator: 1500, rate: 8, ciLow: 6.7, ciHigh: 9.4, unreliable: false, suppressed: false, ...over,
});
const hidden = { numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, unreliable: null, suppressed: true } as const;

const rows = [
  row('2019', 'F'), row('2019', 'M', { rate: 9.25, ciLow: 7.5, ciHigh: 11.05, unreliable: true }),
  row('2020', 'F', { ...hidden, suppressionReason: 'small-cell' }), row('2020', 'M'),
  row('2021', 'F', { adjustedRate: 7.44, adjustedCiLow: 6.1, adjustedCiHigh: 8.8 }), row('2021', 'M', { ...hidden, suppressionReason: 'complementary' }),
];

describe('the points of a trend', () => {
  const points = trendPoints({ rows, period: 'year', by: 'sex', unit: 'percent', unitLabel: '%' });

  it('runs series by series over every period, suppressed ones included', () => {
    expect(points.map((series) => series.map((p) => `${p.stratum} ${p.period} ${p.start}`))).toEqual([
      ['Female 2019 2019-01-01', 'Female 2020 2020-01-01', 'Female 2021 2021-01-01'],
      ['Male 2019 2019-01-01', 'Male 2020 2020-01-01', 'Male 2021 2021-01-01'],
    ]);
  });

  it('says series, period, value, 95% CI, counts and reliability, or why a cell is hidden', () => {
    expect(points[0]!.map((p) => p.description)).toEqual([
      'Female, 2019: rate 8.0%, 95% CI 6.7% to 9.4%; 120 of 1,500',
      'Female, 2020: suppressed (fewer than 11 people)',
      'Female, 2021: rate 8.0%, 95% CI 6.7% to 9.4%; 120 of 1,500',
    ]);
    expect(points[1]![0]!.description).toBe('Male, 2019: rate 9.3%, 95% CI 7.5% to 11.1%; 120 of 1,500; unreliable (RSE > 30% or fewer than 20 events)');
    expect(points[1]![2]!.description).toBe('Male, 2021: suppressed to protect small cells');
  });

  it('says the age-adjusted rate when that is what the chart shows', () => {
    const adjusted = trendPoints({ rows: rows.filter((r) => r.period === '2021'), period: 'year', by: 'sex', unit: 'percent', unitLabel: '%', adjust: 'age' });
    expect(adjusted[0]![0]!.description).toBe('Female, 2021: age-adjusted rate 7.4%, 95% CI 6.1% to 8.8%; 120 of 1,500');
  });

  it('names no stratum without a stratifier, and writes the unit of a cost', () => {
    const cost = trendPoints({ rows: [{ ...row('2019', 'F', { rate: 412.345, ciLow: 400, ciHigh: 425.5 }), sex: undefined }], period: 'year', unit: 'dollarsPmpm', unitLabel: 'USD per member per month' });
    expect(cost[0]![0]!.description).toBe('2019: rate $412.35 PMPM, 95% CI $400.00 PMPM to $425.50 PMPM; 120 of 1,500');
  });
});

describe('the arrow keys', () => {
  const grid = (lengths: number[]): ChartPoint[][] => lengths.map((n, s) => Array.from({ length: n }, (_, i) => ({ stratum: `s${s}`, period: String(i), description: '' })));
  const walk = (points: ChartPoint[][], keys: string[]) =>
    keys.reduce<{ series: number; index: number } | null>((at, key) => movePoint(points, at, key) ?? at, null);

  it('start at the first point and move along a series and between series at the same period', () => {
    const points = grid([4, 4, 4]);
    expect(walk(points, ['ArrowRight'])).toEqual({ series: 0, index: 0 });
    expect(walk(points, ['ArrowRight', 'ArrowRight', 'ArrowRight'])).toEqual({ series: 0, index: 2 });
    expect(walk(points, ['ArrowDown', 'ArrowRight', 'ArrowDown', 'ArrowDown', 'ArrowDown'])).toEqual({ series: 2, index: 1 });
    expect(walk(points, ['ArrowDown', 'End', 'ArrowUp'])).toEqual({ series: 0, index: 3 });
    expect(walk(points, ['ArrowDown', 'End', 'Home', 'ArrowLeft'])).toEqual({ series: 0, index: 0 });
  });

  it('step along the only series with up and down too (a map), and leave other keys to the page', () => {
    const points = grid([5]);
    expect(walk(points, ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp'])).toEqual({ series: 0, index: 1 });
    expect(movePoint(points, { series: 0, index: 1 }, 'Tab')).toBeNull();
    expect(movePoint([], null, 'ArrowRight')).toBeNull();
  });
});

describe('the counties of a map', () => {
  const county = (name: string, over: Partial<CountyDatum>): CountyDatum => ({
    type: 'Feature', id: name, geometry: { type: 'Point', coordinates: [0, 0] }, county: name, status: 'estimate', statusKey: '', rate: 9.7, value: '9.7',
    ci: '8.1–11.4', numerator: '152', denominator: '1,563', reliability: 'Reliable', ...over,
  });

  it('run in name order and say the value, CI and counts, or why a county has no colour', () => {
    const points = countyPoints([county('Suffolk County', {}), county('Barnstable County', { status: 'suppressed', statusKey: 'suppressed (under 11 people or one dominant cost)', rate: null })], '2024', { unit: 'percent', unitLabel: '%' });
    expect(points).toHaveLength(1);
    expect(points[0]!.map((p) => [p.county, p.description])).toEqual([
      ['Barnstable County', 'Barnstable County, 2024: suppressed (under 11 people or one dominant cost)'],
      ['Suffolk County', 'Suffolk County, 2024: rate 9.7%, 95% CI 8.1–11.4; numerator 152, denominator 1,563; reliable'],
    ]);
  });
});
