// Who the simulated people are: county of residence by 2020 census population, age by the US
// 2016 age structure (the cohort alive on the window's first day, plus births during the
// window), sex, race and ethnicity at Massachusetts's 2020 census shares with realistic variation
// by county, and household income. Never reads anything but its PRNG and the county table.
// Calibration targets and their sources: generator/README.md.
import { DAYS_PER_YEAR } from './calendar.ts';
import { cumulate, type Prng } from './prng.ts';
import type { Ethnicity, Race, Sex } from './person-record.ts';
import type { County } from './reference-tables.ts';

/** US resident population 2016 by 5-year age band, millions (Census Bureau PEP vintage 2016). */
const AGE_BANDS_2016 = [19.8, 20.4, 20.7, 21.1, 22.5, 22.9, 21.8, 20.4, 19.9, 21.0, 22.0, 21.6, 19.3, 16.2, 11.8, 8.0, 5.8, 3.8, 1.9, 0.5, 0.08];
/** US crude birth rate, about 11.5 per 1,000 a year in 2016-2019 (NCHS). */
const BIRTHS_PER_PERSON_YEAR = 0.0115;

/**
 * Massachusetts, 2020 Census (P.L. 94-171 redistricting data, tables P1 and P2; 7,029,917 people):
 * Hispanic or Latino 887,685 (12.6%). Race alone among the 6,142,232 non-Hispanic people: White
 * 4,748,897, Black 457,055, Asian 504,900, American Indian and Alaska Native 9,387, Native Hawaiian
 * and Pacific Islander 1,607, some other race 92,108 and two or more races 328,278 (both 'other',
 * Synthea's catch-all); among Hispanic people (race alone, all minus non-Hispanic): White 147,140,
 * Black 36,974, Asian 3,034, AIAN 14,631, NHPI 694, other or two or more 685,212.
 */
const HISPANIC_SHARE = 887_685 / 7_029_917;
const RACES: readonly Race[] = ['white', 'black', 'asian', 'native', 'hawaiian', 'other'];
const RACE_NONHISPANIC = [4_748_897, 457_055, 504_900, 9_387, 1_607, 92_108 + 328_278];
const RACE_HISPANIC = [147_140, 36_974, 3_034, 14_631, 694, 685_212];
const RACE_HISPANIC_CUM = cumulate(RACE_HISPANIC);

/**
 * Relative likelihood by county of being Black, Asian or Hispanic (ACS 2016-2020 pattern:
 * Suffolk and Hampden most diverse, the Cape, Islands and western hill towns least). They are
 * rescaled so the state-wide mix stays at the census shares above.
 */
const COUNTY_MIX: Record<string, { black: number; asian: number; hispanic: number }> = {
  '25001': { black: 0.25, asian: 0.3, hispanic: 0.2 },
  '25003': { black: 0.3, asian: 0.3, hispanic: 0.3 },
  '25005': { black: 0.35, asian: 0.3, hispanic: 0.5 },
  '25007': { black: 0.3, asian: 0.2, hispanic: 0.25 },
  '25009': { black: 0.4, asian: 0.6, hispanic: 1.5 },
  '25011': { black: 0.2, asian: 0.3, hispanic: 0.3 },
  '25013': { black: 0.9, asian: 0.4, hispanic: 1.9 },
  '25015': { black: 0.3, asian: 1.0, hispanic: 0.5 },
  '25017': { black: 0.6, asian: 2.0, hispanic: 0.6 },
  '25019': { black: 0.5, asian: 0.2, hispanic: 0.8 },
  '25021': { black: 0.7, asian: 1.8, hispanic: 0.4 },
  '25023': { black: 1.0, asian: 0.3, hispanic: 0.3 },
  '25025': { black: 2.4, asian: 1.4, hispanic: 1.6 },
  '25027': { black: 0.5, asian: 0.7, hispanic: 0.8 },
};

export interface Demographics {
  county: County;
  birthDay: number;
  sex: Sex;
  race: Race;
  ethnicity: Ethnicity;
  income: number;
}

export class DemographicSampler {
  private readonly countyCum: Float64Array;
  private readonly hispanicShare: number[];
  private readonly raceCum: Float64Array[];
  private readonly ageCum: Record<'young' | 'middle' | 'old', Float64Array>;
  private readonly bornInWindowShare: number;

  constructor(
    private readonly counties: County[],
    private readonly windowStart: number,
    private readonly windowEnd: number,
  ) {
    this.countyCum = cumulate(counties.map((c) => c.population));
    const total = counties.reduce((s, c) => s + c.population, 0);
    const mean = (k: 'black' | 'asian' | 'hispanic') =>
      counties.reduce((s, c) => s + (COUNTY_MIX[c.fips]?.[k] ?? 1) * c.population, 0) / total;
    const m = { black: mean('black'), asian: mean('asian'), hispanic: mean('hispanic') };
    const mixOf = (c: County) => COUNTY_MIX[c.fips] ?? { black: 1, asian: 1, hispanic: 1 };
    this.hispanicShare = counties.map((c) => Math.min(0.9, (HISPANIC_SHARE * mixOf(c).hispanic) / m.hispanic));
    this.raceCum = counties.map((c) => {
      const x = mixOf(c);
      const w = RACE_NONHISPANIC.map((r, i) => (i === 1 ? (r * x.black) / m.black : i === 2 ? (r * x.asian) / m.asian : r));
      return cumulate(w);
    });
    // Hispanic, Black and Asian Americans are younger on average than non-Hispanic whites
    // (median age 30 vs 44 in 2019): tilt the age bands per group.
    const tilt = (k: number) => cumulate(AGE_BANDS_2016.map((w, i) => w * Math.exp(k * (i * 5 + 2.5 - 38))));
    this.ageCum = { young: tilt(-0.015), middle: tilt(-0.006), old: tilt(0.005) };
    const years = (windowEnd - windowStart + 1) / DAYS_PER_YEAR;
    const births = BIRTHS_PER_PERSON_YEAR * years;
    this.bornInWindowShare = births / (1 + births);
  }

  sample(rng: Prng): Demographics {
    const ci = rng.weighted(this.countyCum);
    const county = this.counties[ci];
    const hispanic = rng.chance(this.hispanicShare[ci]);
    const race = RACES[rng.weighted(hispanic ? RACE_HISPANIC_CUM : this.raceCum[ci])];

    let birthDay: number;
    let ageAtStart: number;
    if (rng.chance(this.bornInWindowShare)) {
      birthDay = this.windowStart + rng.int(this.windowEnd - this.windowStart + 1);
      ageAtStart = 0;
    } else {
      const group = hispanic ? 'young' : race === 'white' ? 'old' : 'middle';
      const band = rng.weighted(this.ageCum[group]);
      ageAtStart = band * 5 + rng.next() * 5;
      birthDay = this.windowStart - Math.floor(ageAtStart * DAYS_PER_YEAR) - 1;
    }
    // Women outlive men: the female share rises from 49% in childhood to about 62% past 80.
    const pFemale = ageAtStart < 45 ? 0.488 : ageAtStart < 65 ? 0.51 : ageAtStart < 80 ? 0.54 : 0.62;
    const sex: Sex = rng.chance(pFemale) ? 'F' : 'M';
    return { county, birthDay, sex, race, ethnicity: hispanic ? 'hispanic' : 'nonhispanic', income: this.income(rng, county, race, hispanic, ageAtStart) };
  }

  /** Household income: lognormal around the county median, lower for groups with lower ACS medians. */
  private income(rng: Prng, county: County, race: Race, hispanic: boolean, age: number): number {
    let median = county.medianIncome;
    if (hispanic || race === 'black' || race === 'native') median *= 0.62;
    else if (race === 'asian') median *= 1.12;
    else if (race === 'other' || race === 'hawaiian') median *= 0.8;
    else median *= 1.06;
    if (age >= 18 && age < 25) median *= 0.55;
    if (age >= 65) median *= 0.65;
    const income = median * Math.exp(0.8 * rng.normal());
    return Math.round(Math.min(2_000_000, Math.max(4_000, income)));
  }
}
