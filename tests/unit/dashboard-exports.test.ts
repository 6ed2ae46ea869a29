// The dashboard's CSV download of a view is the API's file for the same view (issue 17: the client
// wrote `#` comment lines where the API writes constant columns). Here the download is made from a
// JSON result as the page receives it and compared with text written out by hand; the browser tests
// (map-export, dashboard-pages) compare it byte for byte with the API's own CSV response.
import { describe, expect, it } from 'vitest';
import { measureDownload } from '../../client/src/lib/export-file.ts';
import { MEASURE_ROW_REQUIRED } from '../../core/measures/export-description.ts';
import { measureRowSchema } from '../../core/api/api-schemas.ts';
import { rowShapeOf } from '../../server/http/disclosed-table.ts';
import type { MeasureResult } from '../../core/api/api-types.ts';

const result: MeasureResult = {
  measure: {
    id: 'hba1c-control', title: 'HbA1c control (< 8.0%)', description: '', unit: 'percent', unitLabel: '%', direction: 'higher-is-better', kind: 'proportion',
    stratifiers: ['county', 'race'], source: '', periods: ['year', 'all'], periodsReason: '',
  },
  dataVersion: 'f40ab7dce0cc5d21',
  dataAsOf: '2026-12-07T02:10:00.000Z',
  period: 'year',
  from: 2019,
  to: 2021,
  by: 'county,race',
  filters: { sex: 'F' },
  adjust: 'age',
  disclosure: 'perturbed',
  // As JSON has them: a field the server left undefined is absent, not null.
  rows: [
    { period: '2020', county: 'Essex County', race: 'white', numerator: 120, denominator: 200, rate: 60, ciLow: 53.1, ciHigh: 66.5, unreliable: false, adjustedRate: 58.2, adjustedCiLow: 50.9, adjustedCiHigh: 65.1, suppressed: false },
    { period: '2021', county: 'Essex County', race: 'white', numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, unreliable: null, adjustedRate: null, adjustedCiLow: null, adjustedCiHigh: null, suppressed: true, suppressionReason: 'small-cell' },
  ],
};

const CONSTANT_HEADER = 'measure,measureTitle,unit,adjustment,stratifiers,filters,cohort,fromYear,toYear,disclosure,dataVersion,dataAsOf';

describe('the dashboard download of a measure view', () => {
  it('is named as the API names the view', () => {
    expect(measureDownload(result, null).filename).toBe('hba1c-control_year_by-county-race_sex-F_2019-2021_age-adjusted_percent_data-f40ab7dc.csv');
    expect(measureDownload(result, 'c-7').baseName).toBe('hba1c-control_year_by-county-race_sex-F_cohort-c-7_2019-2021_age-adjusted_percent_data-f40ab7dc');
  });

  it('writes the API columns, then constant columns saying measure, unit, adjustment, filters, cohort, window and data version', () => {
    const constants = 'HbA1c control (< 8.0%),%,"age-adjusted (US 2000 standard population, direct method)","county,race",sex=F,c-7,2019,2021,perturbed,f40ab7dce0cc5d21,2026-12-07T02:10:00.000Z';
    expect(measureDownload(result, 'c-7').csv().split('\r\n')).toEqual([
      `period,county,race,numerator,denominator,rate,ciLow,ciHigh,unreliable,adjustedRate,adjustedCiLow,adjustedCiHigh,suppressed,suppressionReason,${CONSTANT_HEADER}`,
      `2020,Essex County,white,120,200,60,53.1,66.5,false,58.2,50.9,65.1,false,,hba1c-control,${constants}`,
      `2021,Essex County,white,,,,,,,,,,true,small-cell,hba1c-control,${constants}`,
      '',
    ]);
  });

  it("writes one year of a map as the API's answer for from = to = that year", () => {
    const rows = result.rows.filter((row) => row.period === '2020');
    const file = measureDownload({ ...result, adjust: null, by: 'county' }, null, { rows, year: 2020 });
    expect(file.filename).toBe('hba1c-control_year_by-county_sex-F_2020-2020_crude_percent_data-f40ab7dc.csv');
    const [header, line, end] = file.csv().split('\r\n');
    expect(header.startsWith('period,county,race,numerator')).toBe(true);
    expect(line.endsWith(',,2020,2020,perturbed,f40ab7dce0cc5d21,2026-12-07T02:10:00.000Z')).toBe(true);
    expect(line).toContain(',crude,county,sex=F,');
    expect(end).toBe('');
  });

  it('keeps every column of an empty view, as the API does', () => {
    expect(measureDownload({ ...result, rows: [] }, null).csv()).toBe(`period,county,race,numerator,denominator,rate,ciLow,ciHigh,unreliable,suppressed,${CONSTANT_HEADER}\r\n`);
  });

  it("lists as required the fields the API's row schema requires", () => {
    expect([...MEASURE_ROW_REQUIRED].sort()).toEqual([...rowShapeOf(measureRowSchema).required].sort());
  });
});
