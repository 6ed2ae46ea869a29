// A person's health over a lifetime, decided before any visit is simulated: body-mass
// trajectory, smoking, a frailty propensity, and the onset (and for a few, remission) of each
// chronic condition. Visits, measurements and deaths are then drawn conditional on this.
import { DAYS_PER_YEAR, yearOfDay } from './calendar.ts';
import { CHRONIC_MODELS, sampleOnsetAge, type RiskProfile } from './chronic-conditions.ts';
import { CHILDHOOD_ASTHMA, OBESITY, SEVERE_OBESITY, SINGLE_EPISODE_DEPRESSION, type ConditionCatalog } from './condition-catalog.ts';
import type { Coded } from './clinical-codes.ts';
import type { Demographics } from './demographics.ts';
import type { Prng } from './prng.ts';

export interface ChronicEpisode {
  group: string;
  code: Coded;
  onsetDay: number;
  stopDay: number | null;
}

export interface HealthProfile {
  risk: RiskProfile;
  /** body-mass z-score, stable over life (BMI tracks from childhood) */
  bmiZ: number;
  adultBmiMedian: number;
  /** sorted by onset; only conditions that start by the end of the window */
  episodes: ChronicEpisode[];
  /** person-level offsets of HbA1c (%) and systolic pressure (mm[Hg]) */
  hba1cOffset: number;
  systolicOffset: number;
}

/** CDC 2000 growth charts, median BMI-for-age (both sexes, rounded). */
const CHILD_MEDIAN: readonly (readonly [number, number])[] = [[2, 16.4], [5, 15.4], [8, 16.0], [11, 17.6], [14, 19.6], [17, 21.4], [18, 21.8]];
/** Childhood obesity (BMI at or above the 95th percentile) is about 19% (NHANES 2017-2018). */
const CHILD_OBESE_Z = 0.88;

const interpolate = (table: readonly (readonly [number, number])[], x: number): number => {
  if (x <= table[0][0]) return table[0][1];
  for (let i = 1; i < table.length; i++) {
    if (x <= table[i][0]) {
      const [x0, y0] = table[i - 1];
      const [x1, y1] = table[i];
      return y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return table[table.length - 1][1];
};

/** BMI at a fractional age in a calendar year; NaN below 2 years, where BMI is not charted. */
export function bmiAt(h: HealthProfile, age: number, year: number): number {
  if (age < 2) return NaN;
  const trend = 0.08 * (year - 2016); // adult obesity rose from 39.6% (2016) to 41.9% (2020)
  if (age < 18) {
    const z = h.bmiZ;
    const factor = z <= CHILD_OBESE_Z ? Math.exp(0.09 * z) : 1.32 * Math.exp(0.12 * (z - CHILD_OBESE_Z));
    return interpolate(CHILD_MEDIAN, age) * factor + 0.5 * trend;
  }
  const ageFactor = age < 45 ? 0.9 + (0.1 * (age - 18)) / 27 : age < 65 ? 1 : Math.max(0.9, 1 - (0.07 * (age - 65)) / 20);
  return h.adultBmiMedian * Math.exp(0.21 * h.bmiZ) * ageFactor + trend;
}

export function isObese(h: HealthProfile, age: number, year: number): boolean {
  if (age < 2) return false;
  return age < 18 ? h.bmiZ > CHILD_OBESE_Z : bmiAt(h, age, year) >= 30;
}

export function simulateHealth(rng: Prng, d: Demographics, lastDay: number, catalog: ConditionCatalog): HealthProfile {
  const hispanic = d.ethnicity === 'hispanic';
  const lowIncome = d.income < 35_000;
  let adultBmiMedian = 28.3;
  if (d.race === 'black') adultBmiMedian += d.sex === 'F' ? 2.6 : 0.3;
  if (d.race === 'asian') adultBmiMedian -= 3.6;
  if (hispanic) adultBmiMedian += 1;
  if (lowIncome) adultBmiMedian += 0.8;
  const pSmoker = (d.sex === 'M' ? 0.42 : 0.33) * (d.race === 'asian' ? 0.6 : hispanic ? 0.7 : 1) * (lowIncome ? 1.4 : 1);
  const risk: RiskProfile = {
    sex: d.sex,
    race: d.race,
    hispanic,
    lowIncome,
    smoker: rng.chance(pSmoker),
    obese: false,
    frailty: rng.normal(),
    has: new Set(),
  };
  const h: HealthProfile = {
    risk,
    bmiZ: rng.normal(),
    adultBmiMedian,
    episodes: [],
    hba1cOffset: 0.8 * rng.normal(),
    systolicOffset: 8 * rng.normal(),
  };
  const endAge = (lastDay - d.birthDay) / DAYS_PER_YEAR;
  risk.obese = bmiAt(h, 50, 2016) >= 30; // mid-life body weight drives the risk models

  const obesityAge = firstObeseAge(rng, h, d.birthDay, endAge);
  if (obesityAge !== null) {
    const onsetDay = d.birthDay + Math.floor(obesityAge * DAYS_PER_YEAR);
    // Coded by the heaviest weight the record will show (BMI peaks in mid-life).
    const severe = bmiAt(h, Math.min(Math.max(endAge, 18), 55), yearOfDay(Math.min(lastDay, onsetDay + 3650))) >= 40;
    h.episodes.push({ group: 'obesity', code: catalog.get(severe ? SEVERE_OBESITY : OBESITY), onsetDay, stopDay: null });
    risk.has.add('obesity');
  }

  for (const model of CHRONIC_MODELS) {
    const onsetAge = sampleOnsetAge(rng, model, risk);
    if (onsetAge === null || onsetAge > endAge) continue;
    const onsetDay = d.birthDay + Math.floor(onsetAge * DAYS_PER_YEAR);
    const code = catalog.pick(rng, model.group, onsetAge);
    let stopDay: number | null = null;
    // A third of childhood asthma remits by early adulthood; a single depressive episode ends.
    if (code.code === CHILDHOOD_ASTHMA && rng.chance(0.35)) {
      stopDay = Math.max(onsetDay + 365, d.birthDay + Math.floor((12 + 8 * rng.next()) * DAYS_PER_YEAR));
    } else if (code.code === SINGLE_EPISODE_DEPRESSION) {
      stopDay = onsetDay + 180 + rng.int(360);
    }
    if (stopDay !== null && stopDay > lastDay) stopDay = null;
    h.episodes.push({ group: model.group, code, onsetDay, stopDay });
    risk.has.add(model.group);
  }
  h.episodes.sort((a, b) => a.onsetDay - b.onsetDay);
  return h;
}

/** First whole age with obesity, moved back into the year before (when the line was crossed). */
function firstObeseAge(rng: Prng, h: HealthProfile, birthDay: number, endAge: number): number | null {
  for (let age = 2; age <= endAge; age++) {
    if (isObese(h, age, yearOfDay(birthDay + Math.floor(age * DAYS_PER_YEAR)))) {
      return age === 2 ? 2 + rng.next() * Math.min(1, endAge - 2) : age - rng.next();
    }
  }
  return null;
}

/** Episodes active on `day` (started on or before it, not yet stopped). */
export function activeGroups(h: HealthProfile, day: number): Set<string> {
  const out = new Set<string>();
  for (const e of h.episodes) {
    if (e.onsetDay > day) break;
    if (e.stopDay === null || e.stopDay > day) out.add(e.group);
  }
  return out;
}
