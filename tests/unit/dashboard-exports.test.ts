// What the dashboard's exports are called and say (issue 17): two views never share a file name, and
// the CSV's header names measure, stratifiers, window, filters, cohort, adjustment, unit and data version.
import { describe, expect, it } from 'vitest';
import { exportBaseName, measureCsv, type ExportContext } from '../../client/src/lib/export-file.ts';
import { splitCsvLine } from '../helpers/csv-line.ts';
import type { MeasureRow } from '../../core/api/api-types.ts';

const context: ExportContext = {
  measure: { id: 'hba1c-control', title: 'HbA1c control (< 8.0%)', unit: 'percent', unitLabel: '%' },
  by: ['county', 'race'],
  period: 'year',
  from: 2019,
  to: null,
  filters: { sex: 'F' },
  cohort: null,
  adjusted: true,
  dataVersion: 'f40ab7dce0cc',
  loadedAt: '2026-12-07T02:10:00.000Z',
};

const row = (over: Partial<MeasureRow>): MeasureRow => ({
  period: '2020', county: 'Essex County', race: 'white', numerator: 120, denominator: 200, rate: 60, ciLow: 53.1, ciHigh: 66.5,
  adjustedRate: 58.2, adjustedCiLow: 50.9, adjustedCiHigh: 65.1, unreliable: false, suppressed: false, ...over,
});

describe('dashboard exports', () => {
  it('names a file after everything that defines the view', () => {
    expect(exportBaseName(context)).toBe('hba1c-control_by-county-race_year-2019-end_sex-f_age-adjusted_percent_data-f40ab7dce0cc');
    expect(exportBaseName({ ...context, adjusted: false, filters: {}, from: null, by: [] })).toBe('hba1c-control_all_year_crude_percent_data-f40ab7dce0cc');
  });

  it('writes the view in # lines, then a header naming the unit, then one line per cell with suppressed values empty', () => {
    const text = measureCsv([row({}), row({ period: '2021', numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, adjustedRate: null, adjustedCiLow: null, adjustedCiHigh: null, suppressed: true, suppressionReason: 'small-cell' })], context);
    const lines = text.trimEnd().split('\r\n');
    const comments = lines.filter((line) => line.startsWith('#'));
    expect(comments.join('\n')).toContain('# Measure: HbA1c control (< 8.0%) (hba1c-control)');
    expect(comments.join('\n')).toContain('# Stratified by: County × Race');
    expect(comments.join('\n')).toContain('# Period: year, 2019 to end');
    expect(comments.join('\n')).toContain('# Filters: Sex = Female');
    expect(comments.join('\n')).toContain('# Rates: age-adjusted');
    expect(comments.join('\n')).toContain('# Unit: %');
    expect(comments.join('\n')).toContain('# Data version: f40ab7dce0cc, data as of 2026-12-07');
    const [header, first, second] = lines.slice(comments.length).map(splitCsvLine);
    expect(header).toEqual(['period', 'county', 'race', 'numerator', 'denominator', 'rate (%)', 'ci_low', 'ci_high', 'age_adjusted_rate (%)', 'adjusted_ci_low', 'adjusted_ci_high', 'unreliable', 'suppressed', 'suppression_reason']);
    expect(first).toEqual(['2020', 'Essex County', 'white', '120', '200', '60', '53.1', '66.5', '58.2', '50.9', '65.1', 'false', 'false', '']);
    expect(second).toEqual(['2021', 'Essex County', 'white', '', '', '', '', '', '', '', '', 'false', 'true', 'small-cell']);
  });
});
