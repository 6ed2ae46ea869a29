// The dimensions a measure can be stratified or filtered by: API name → mart column (the allow-list).

export const DIMENSIONS = {
  sex: 'sex',
  ageBand: 'age_band',
  stdAgeGroup: 'std_age_group',
  race: 'race',
  ethnicity: 'ethnicity',
  payer: 'payer',
  county: 'county',
  zip3: 'zip3',
  organization: 'organization',
} as const;

export type Dimension = keyof typeof DIMENSIONS;
export const DIMENSION_NAMES = Object.keys(DIMENSIONS) as Dimension[];
export const isDimension = (name: string): name is Dimension => Object.hasOwn(DIMENSIONS, name);
