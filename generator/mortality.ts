// When people die. Baseline yearly risk follows a Gompertz-Makeham curve fitted by eye to the
// US life table 2017 (NCHS NVSR 68-7: q(40) ~ 0.002, q(70) ~ 0.02, q(80) ~ 0.055, q(90) ~ 0.16),
// raised by chronic disease (hazard ratios of the order reported for heart failure, COPD, CKD)
// and by COVID-19 among older people in 2020-2021.
import { ageOn, DAYS_PER_YEAR, dayFromCivil, yearOfDay } from './calendar.ts';
import { END_STAGE_RENAL_DISEASE } from './condition-catalog.ts';
import type { HealthProfile } from './health-profile.ts';
import type { Prng } from './prng.ts';
import type { Sex } from './person-record.ts';

const HAZARD_RATIO: Record<string, number> = {
  heart_failure: 2.3,
  copd: 1.8,
  ckd: 1.5,
  stroke: 1.6,
  cad: 1.3,
  diabetes: 1.35,
  atrial_fibrillation: 1.3,
};

/**
 * Multipliers by age that bring the simulated death rates (baseline × the disease hazard ratios of
 * the people simulated) to the US 2019 age-specific rates (NCHS, Deaths: Final Data for 2019,
 * NVSR 70-08; targets in generator/README.md); found by generating 20,000 people and comparing.
 */
const CALIBRATION_BY_AGE: readonly (readonly [upToAge: number, factor: number])[] = [[25, 1], [35, 0.9], [45, 1.35], [55, 1], [65, 1.3], [75, 0.9], [85, 0.72], [Infinity, 0.78]];
const calibrationAt = (age: number): number => CALIBRATION_BY_AGE.find(([upTo]) => age < upTo)![1];

/** Yearly probability of death at `age` for an average person of that sex. */
export function baselineMortality(age: number, sex: Sex): number {
  const q = calibrationAt(age) * (age < 1 ? 0.0056 : age < 15 ? 0.00015 : 0.0007 + Math.exp(-10.45 + 0.094 * age));
  // The life table already contains the deaths of the chronically ill; the disease ratios
  // below add them back, so the baseline is lowered where chronic disease is common.
  const shared = age >= 50 ? 0.6 : 0.85;
  return Math.min(0.6, q * shared * (sex === 'M' ? 1.3 : 0.78));
}

function hazardMultiplier(h: HealthProfile, day: number, year: number, age: number): number {
  let m = 1;
  for (const e of h.episodes) {
    if (e.onsetDay > day) break;
    const hr = e.code.code === END_STAGE_RENAL_DISEASE ? 3.5 : HAZARD_RATIO[e.group];
    if (hr && (e.stopDay === null || e.stopDay > day)) m *= hr;
  }
  if ((year === 2020 || year === 2021) && age >= 65) m *= 1.15;
  return Math.min(m, 8);
}

/** Day of death between `fromDay` and `toDay` inclusive, or null if alive at the end. */
export function sampleDeathDay(rng: Prng, h: HealthProfile, birthDay: number, sex: Sex, fromDay: number, toDay: number): number | null {
  let day = Math.max(fromDay, birthDay);
  while (day <= toDay) {
    const year = yearOfDay(day);
    const segmentEnd = Math.min(toDay, dayFromCivil(year + 1, 1, 1) - 1);
    const length = segmentEnd - day + 1;
    const age = ageOn(birthDay, day);
    const q = baselineMortality(age, sex) * hazardMultiplier(h, day, year, age);
    const p = 1 - Math.pow(1 - Math.min(q, 0.95), length / DAYS_PER_YEAR);
    if (rng.chance(p)) return day + rng.int(length);
    day = segmentEnd + 1;
  }
  return null;
}
