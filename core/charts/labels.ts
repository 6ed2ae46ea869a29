// Display names for dimensions and their coded values (e.g. sex `F` → "Female").
// Pure lookups, for the dashboard and for server-side chart renders.
import type { Dimension, Period } from '../api/api-types.ts';

export const dimensionLabels: Record<Dimension, string> = {
  sex: 'Sex',
  ageBand: 'Age band',
  race: 'Race',
  ethnicity: 'Ethnicity',
  payer: 'Payer',
  county: 'County',
  stdAgeGroup: 'Age group (NCHS)',
  zip3: 'ZIP3',
  organization: 'Organization',
};

export const periodLabels: Record<Period, string> = {
  year: 'Year',
  quarter: 'Quarter',
  month: 'Month',
  all: 'All years',
};

// Race and ethnicity categories follow the OMB 1997 standard names.
const valueLabels: Partial<Record<Dimension, Record<string, string>>> = {
  sex: { F: 'Female', M: 'Male' },
  race: {
    white: 'White',
    black: 'Black or African American',
    asian: 'Asian',
    native: 'American Indian or Alaska Native',
    hawaiian: 'Native Hawaiian or Pacific Islander',
    other: 'Other',
  },
  ethnicity: { hispanic: 'Hispanic or Latino', nonhispanic: 'Not Hispanic or Latino' },
};

export function valueLabel(dimension: Dimension, value: string): string {
  return valueLabels[dimension]?.[value] ?? value;
}
