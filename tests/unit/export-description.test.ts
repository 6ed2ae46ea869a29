import { describe, expect, it } from 'vitest';
import { requireMeasure } from '../../core/measures/catalog.ts';
import { exportColumns, exportFilename, type ExportView } from '../../core/measures/export-description.ts';

const view: ExportView = {
  measure: requireMeasure('hba1c-control'), period: 'year', by: ['county', 'race'], filters: { sex: 'F', payer: 'Dual Eligible' }, adjustAge: true,
  from: 2019, to: 2024, disclosure: 'perturbed', dataVersion: '3f9a2c1d77e0b4aa', dataAsOf: '2026-12-01T04:00:00.000Z',
};

describe('the description of a measure export', () => {
  it('names measure, period, stratifiers, filters, window, adjustment, unit and data version in the file name', () => {
    expect(exportFilename(view)).toBe('hba1c-control_year_by-county-race_payer-Dual-Eligible_sex-F_2019-2024_age-adjusted_percent_data-3f9a2c1d.csv');
    expect(exportFilename({ ...view, by: [], filters: {}, adjustAge: false, from: null, to: null, period: 'all', cohortId: 'c/../1' })).toBe('hba1c-control_all_cohort-c-..-1_crude_percent_data-3f9a2c1d.csv');
    expect(exportFilename({ ...view, filters: { county: 'Middlesex County' } })).toMatch(/^[\w.-]+$/);
  });

  it('gives every row the same columns saying what the table is', () => {
    expect(Object.fromEntries(exportColumns(view))).toEqual({
      measure: 'hba1c-control', measureTitle: 'HbA1c control (< 8.0%)', unit: '%', adjustment: 'age-adjusted (US 2000 standard population, direct method)',
      stratifiers: 'county,race', filters: 'payer=Dual Eligible; sex=F', cohort: '', fromYear: '2019', toYear: '2024', disclosure: 'perturbed',
      dataVersion: '3f9a2c1d77e0b4aa', dataAsOf: '2026-12-01T04:00:00.000Z',
    });
  });
});
