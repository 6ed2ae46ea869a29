// The dashboard's API types (core/api/api-types.ts) describe the same fields as the zod schemas the
// server answers with: a literal of each type with every field present (Required<>) can have no
// field the type lacks and none it leaves out, and the schema must accept it and list the same keys.
import { describe, expect, it } from 'vitest';
import { measureResultSchema, measureRowSchema, measureSummarySchema, measureTrendSchema, metaSchema, stratumTrendSchema } from '../../core/api/api-schemas.ts';
import { DIMENSIONS, PERIODS, type MeasureInfo, type MeasureResult, type MeasureRow, type MeasureTrend, type Meta, type StratumTrend } from '../../core/api/api-types.ts';
import { DIMENSION_NAMES } from '../../core/measures/dimensions.ts';
import { measureQuerySchema } from '../../core/measures/parse-measure-query.ts';

const info: Required<MeasureInfo> = {
  id: 'diabetes-prevalence', title: 'Diabetes', description: 'd', unit: 'percent', unitLabel: '%', direction: 'lower-is-better',
  kind: 'proportion', stratifiers: ['sex', 'zip3'], source: 's', notes: 'n', departures: 'd', periods: ['year', 'all'], periodsReason: 'r',
};
const row: Required<MeasureRow> = {
  period: '2020', sex: 'F', ageBand: '18-34', stdAgeGroup: '25-34', race: 'white', ethnicity: 'hispanic', payer: 'Medicare',
  county: 'Essex', zip3: '019', organization: 'General', numerator: 12, denominator: 100, rate: 12, ciLow: 7, ciHigh: 20,
  unreliable: true, adjustedRate: 11, adjustedCiLow: 6, adjustedCiHigh: 19, suppressed: false, suppressionReason: 'small-cell',
};
const result: Required<MeasureResult> = { measure: info, dataVersion: 'v', dataAsOf: '2026-01-01T00:00:00Z', period: 'all', from: null, to: null, by: 'sex', filters: { race: 'white' }, adjust: 'age', disclosure: 'perturbed', rows: [row] };
const stratumTrend: Required<StratumTrend> = { stratum: { sex: 'F' }, years: 6, apc: 1.2, ciLow: 0.1, ciHigh: 2.3, pValue: 0.03, significant: true, note: 'n' };
const trend: Required<MeasureTrend> = { measure: info, dataVersion: 'v', dataAsOf: '2026-01-01T00:00:00Z', from: 2019, to: 2024, by: 'sex', filters: {}, adjust: null, disclosure: 'exact', method: 'm', trends: [stratumTrend] };
const meta: Required<Meta> = { dataVersion: 'v', loadedAt: '2026-01-01T00:00:00Z', dateRange: { start: '2016-01-01', end: '2025-12-31' }, people: 20_000 };

const sortedKeys = (value: object) => Object.keys(value).sort();

describe('the API types of the dashboard', () => {
  it.each([
    ['MeasureInfo', info, measureSummarySchema],
    ['MeasureRow', row, measureRowSchema],
    ['MeasureResult', result, measureResultSchema],
    ['Meta', meta, metaSchema],
    ['StratumTrend', stratumTrend, stratumTrendSchema],
    ['MeasureTrend', trend, measureTrendSchema],
  ] as const)('%s has exactly the fields of its response schema, and the schema accepts it', (_name, value, schema) => {
    expect(sortedKeys(value)).toEqual(sortedKeys(schema.shape));
    expect(schema.safeParse(value).success).toBe(true);
  });

  it('lists every dimension and period the server accepts', () => {
    expect([...DIMENSIONS]).toEqual(DIMENSION_NAMES);
    expect([...PERIODS]).toEqual(measureQuerySchema.shape.period.unwrap().options);
  });
});
