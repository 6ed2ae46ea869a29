// The US 2000 standard population in the 11 NCHS age groups, the default weights of
// age-standardization.ts. Data only; kept identical to
// data/reference/us-2000-standard-population.csv (a unit test compares the two).

/** The 11 NCHS age groups, the values of mart.person_period.std_age_group. */
export const NCHS_AGE_GROUPS = [
  '<1', '1-4', '5-14', '15-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-84', '85+',
] as const;

export type NchsAgeGroup = (typeof NCHS_AGE_GROUPS)[number];

/** One age group of a standard population: its size and its weight (weights sum to 1). */
export interface StandardWeight {
  ageGroup: string;
  population: number;
  weight: number;
}

/**
 * Klein RJ, Schoenborn CA. Age adjustment using the 2000 projected U.S. population.
 * Healthy People 2010 Statistical Notes No. 20, NCHS, January 2001,
 * Distribution #1 (Census P25-1130 projections). The weights are the published ones:
 * NCHS derived them from populations rounded to thousands and rounded 75–84 up so that
 * they sum to exactly 1 (Anderson & Rosenberg 1998, NVSR 47(3), Table I), so they differ
 * from population / total in the sixth decimal. Rates are comparable with NCHS only if
 * these published weights are used, so the weights, not the populations, are applied.
 */
export const US_2000_STANDARD: readonly StandardWeight[] = [
  { ageGroup: '<1', population: 3_794_901, weight: 0.013818 },
  { ageGroup: '1-4', population: 15_191_619, weight: 0.055317 },
  { ageGroup: '5-14', population: 39_976_619, weight: 0.145565 },
  { ageGroup: '15-24', population: 38_076_743, weight: 0.138646 },
  { ageGroup: '25-34', population: 37_233_437, weight: 0.135573 },
  { ageGroup: '35-44', population: 44_659_185, weight: 0.162613 },
  { ageGroup: '45-54', population: 37_030_152, weight: 0.134834 },
  { ageGroup: '55-64', population: 23_961_506, weight: 0.087247 },
  { ageGroup: '65-74', population: 18_135_514, weight: 0.066037 },
  { ageGroup: '75-84', population: 12_314_793, weight: 0.044842 },
  { ageGroup: '85+', population: 4_259_173, weight: 0.015508 },
];
