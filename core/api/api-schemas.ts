// Zod schemas of the API's response bodies: the source of the OpenAPI components, of the column
// types of tabular formats, and what the tests check real responses against. Request parameters
// come from the parsers' own schemas (measureQuerySchema), not from copies here.
import { z } from 'zod';
import { DIMENSION_NAMES } from '../measures/dimensions.ts';
import { UNIT_LABELS, type MeasureUnit } from '../measures/measure-definition.ts';
import { PERIODS } from '../measures/parse-measure-query.ts';

const UNITS = Object.keys(UNIT_LABELS) as [MeasureUnit, ...MeasureUnit[]];
const dimension = z.enum(DIMENSION_NAMES as [string, ...string[]]);
const estimate = (text: string) => z.number().nullable().describe(`${text}; null when suppressed or undefined`);

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. invalid_parameter, unknown_measure, not_acceptable'),
      message: z.string().describe('What went wrong, in words'),
      details: z.unknown().optional().describe('E.g. { parameter, allowed } for a bad parameter'),
    }),
  })
  .describe('Body of every 4xx/5xx response');

export const healthSchema = z.object({ status: z.literal('ok') });

export const metaSchema = z.object({
  dataVersion: z.string().describe('Changes with every load; part of every entity tag'),
  loadedAt: z.string(),
  dateRange: z.object({ start: z.string(), end: z.string() }),
  people: z.number().describe('People in the warehouse, perturbed by the cell key method (docs/disclosure.md) like every published count; exact only when the server runs with the admin setting exact counts'),
});

export const dimensionsSchema = z
  .object(Object.fromEntries(DIMENSION_NAMES.map((name) => [name, z.array(z.string())])))
  .describe('The values each stratifier and filter accepts in this warehouse');

export const measureSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  unit: z.enum(UNITS),
  unitLabel: z.string(),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  kind: z.enum(['proportion', 'rate', 'ratio', 'top-share']),
  stratifiers: z.array(dimension),
  source: z.string(),
  notes: z.string().optional(),
  departures: z.string().optional().describe('How the definition departs from its cited source: "Adapted from … Differences: …"'),
  periods: z.array(z.enum(PERIODS)).describe('The periods the definition holds for; any other period is refused with 400'),
  periodsReason: z.string().describe('Why those periods, from the definition (look-back window, season, person-time)'),
});

export const measureListSchema = z.object({ measures: z.array(measureSummarySchema) });

/** One cell of a measure result, after disclosure control: a hidden cell keeps only its keys. */
export const measureRowSchema = z.object({
  period: z.string().describe("2016, 2016-Q1, 2016-01, or 'all' for period=all"),
  ...Object.fromEntries(DIMENSION_NAMES.map((name) => [name, z.string().optional().describe(`Stratum value, when by includes ${name}`)])),
  numerator: estimate('Events, or the sum of the numerator values'),
  denominator: estimate('People, person-time or the sum of the denominator values'),
  rate: estimate('The measure in its unit'),
  ciLow: estimate('Lower bound of the 95% confidence interval'),
  ciHigh: estimate('Upper bound of the 95% confidence interval'),
  unreliable: z.boolean().nullable().describe('NCHS presentation standard: relative standard error > 30% or numerator < 20'),
  adjustedRate: estimate('Rate directly standardized to the US 2000 population (adjust=age)').optional(),
  adjustedCiLow: estimate('Fay–Feuer lower bound of the adjusted rate').optional(),
  adjustedCiHigh: estimate('Fay–Feuer upper bound of the adjusted rate (at most 100% for a proportion)').optional(),
  suppressed: z.boolean().describe('True when disclosure control hides this cell'),
  suppressionReason: z.enum(['small-cell', 'complementary', 'dominance']).optional().describe('small-cell: a published count of 1–10 people; dominance: one person holds most of the total; complementary (exact counts only): hidden so that a small cell cannot be derived'),
});

export const measureResultSchema = z.object({
  measure: measureSummarySchema,
  dataVersion: z.string(),
  dataAsOf: z.string().describe('When the data were loaded (GET /api/meta loadedAt): "data as of" for headers and exports'),
  period: z.enum(PERIODS),
  from: z.number().nullable().describe('First year of the rows (the from parameter, else the first year of the data); null for period=all'),
  to: z.number().nullable().describe('Last year of the rows (the to parameter, else the last year of the data); null for period=all'),
  by: z.string().nullable().describe('The stratifiers, comma-separated, or null'),
  filters: z.record(z.string(), z.string()),
  adjust: z.enum(['age']).nullable(),
  disclosure: z.enum(['perturbed', 'exact']).describe('perturbed: every count carries the cell key method\'s noise (docs/disclosure.md); exact: an admin setting for a trusted environment'),
  rows: z.array(measureRowSchema),
});

export const stratumTrendSchema = z.object({
  stratum: z.record(z.string(), z.string()),
  years: z.number().describe('Years with a shown, non-zero rate'),
  apc: z.number().nullable().describe('Annual percent change'),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  pValue: z.number().nullable(),
  significant: z.boolean().nullable(),
  note: z.string().optional().describe('Why there is no APC, when there is none'),
});

export const measureTrendSchema = z.object({
  measure: measureSummarySchema,
  dataVersion: z.string(),
  dataAsOf: z.string().describe('When the data were loaded (GET /api/meta loadedAt)'),
  from: z.number().describe('First year of the fit (the from parameter, else the first year of the data)'),
  to: z.number().describe('Last year of the fit (the to parameter, else the last year of the data)'),
  by: z.string().nullable(),
  filters: z.record(z.string(), z.string()),
  adjust: z.enum(['age']).nullable().describe('age: the trend of the age-adjusted rates'),
  disclosure: z.enum(['perturbed', 'exact']).describe('perturbed: every count carries the cell key method\'s noise (docs/disclosure.md); exact: an admin setting for a trusted environment'),
  method: z.string(),
  trends: z.array(stratumTrendSchema),
});

export const qualityCheckSchema = z.object({
  id: z.string(),
  category: z.string().describe('Kahn et al. (2016): conformance, completeness or plausibility'),
  subcategory: z.string().nullable(),
  description: z.string(),
  rowsChecked: z.number().nullable().describe('Records checked; null when suppressed (1–10)'),
  rowsFailed: z.number().nullable().describe('Records failing; null when suppressed (1–10, or 1–10 passing)'),
  percentFailed: z.number().nullable().describe('Share of records failing, in percent; null whenever rowsFailed is'),
  threshold: z.number(),
  status: z.enum(['pass', 'fail']),
  comparison: z.enum(['new', 'resolved', 'stable']).nullable().describe('Against the previous load'),
  severity: z.enum(['error', 'warning']),
  suppressed: z.boolean().describe('True when disclosure control hides a count of this check; exact only when the server runs with the admin setting exact counts'),
  suppressionReason: z.enum(['small-cell', 'complementary']).optional().describe('small-cell: a count of 1–10 records; complementary: hidden so that a count of 1–10 cannot be derived from the others'),
});

export const qualityReportSchema = z
  .object({
    dataVersion: z.string(),
    runId: z.string(),
    summary: z.object({ checks: z.number(), passed: z.number(), failed: z.number(), new: z.number(), resolved: z.number() }),
    checks: z.array(qualityCheckSchema),
  })
  .describe('Counts of checked and failing records only, never a patient-level value');

const checkChange = z.enum(['new', 'resolved', 'stable']).nullable();

export const qualityHistorySchema = z
  .object({
    dataVersion: z.string(),
    exactCounts: z.boolean(),
    runs: z.array(z.object({ runId: z.string(), checkedAt: z.string(), checks: z.number(), passed: z.number(), failed: z.number() })).describe('Oldest first, in the order they were appended'),
    checks: z.array(
      z.object({
        id: z.string(),
        category: z.string(),
        subcategory: z.string().nullable(),
        description: z.string(),
        severity: z.enum(['error', 'warning']),
        threshold: z.number().describe('Of the latest run'),
        runs: z.array(
          z.object({
            runId: z.string(),
            status: z.enum(['pass', 'fail']),
            rowsChecked: z.number().nullable(),
            rowsFailed: z.number().nullable(),
            percentFailed: z.number().nullable(),
            change: checkChange.describe('Against the run before: new (fails now, not before), resolved (passes now, failed before), stable; for the first run, the load\'s comparison with the warehouse it replaced'),
            suppressed: z.boolean(),
          }),
        ),
      }),
    ),
  })
  .describe('Each check across the runs the warehouse holds; counts only, 1–10 hidden without exact counts');

export const countyOutlinesSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    stateFips: z.string().nullable(),
    features: z.array(z.object({ type: z.literal('Feature'), id: z.string(), properties: z.object({ name: z.string() }), geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }) })),
  })
  .describe("GeoJSON outlines of every county of the warehouse's state (us-atlas 1:10,000,000), id the 5-digit FIPS code");

/** Named schemas, in the order they appear under components.schemas. */
export const API_SCHEMAS = {
  ErrorBody: errorBodySchema,
  Health: healthSchema,
  Meta: metaSchema,
  Dimensions: dimensionsSchema,
  CountyOutlines: countyOutlinesSchema,
  MeasureSummary: measureSummarySchema,
  MeasureList: measureListSchema,
  MeasureRow: measureRowSchema,
  MeasureResult: measureResultSchema,
  StratumTrend: stratumTrendSchema,
  MeasureTrend: measureTrendSchema,
  QualityCheck: qualityCheckSchema,
  QualityReport: qualityReportSchema,
  QualityHistory: qualityHistorySchema,
} as const;
