// Health insurance history: contiguous periods from (shortly before) the window start or birth
// until death or the window end, so every covered day is accounted for and member-months are
// real. Medicare from the 65th birthday, Medicaid driven by household income, Dual Eligible
// for low-income Medicare members, commercial plans that change with jobs, and spells
// without insurance, more often for Hispanic, Black and Native American people (ACS 2019).
import { addYears, ageOn, DAYS_PER_YEAR, SECONDS_PER_DAY } from './calendar.ts';
import { randomUuid } from './ids.ts';
import { firstName } from './identity.ts';
import {
  COMMERCIAL,
  COMMERCIAL_SHARES,
  DUAL_ELIGIBLE,
  MEDICAID,
  MEDICARE,
  NO_INSURANCE,
  PAYERS,
} from './payers.ts';
import { cumulate, type Prng } from './prng.ts';
import type { CoveragePeriod, Ethnicity, Identity, Race, Sex } from './person-record.ts';

const COMMERCIAL_CUM = cumulate(COMMERCIAL_SHARES);
/** 138% of the federal poverty level for a household of three, about $30,000 in 2020. */
const MEDICAID_INCOME_LIMIT = 32_000;

export interface CoverageSubject {
  birthDay: number;
  /** last covered day: death or window end */
  lastDay: number;
  /** when coverage stops: the time of death, or the end of the window's last day */
  lastTime: number;
  sex: Sex;
  race: Race;
  ethnicity: Ethnicity;
  income: number;
  identity: Identity;
}

export function simulateCoverage(rng: Prng, s: CoverageSubject, windowStart: number): CoveragePeriod[] {
  const anchor = rng.int(SECONDS_PER_DAY);
  const medicareDay = addYears(s.birthDay, 65);
  const firstDay = Math.max(s.birthDay, windowStart - rng.int(3 * 365));
  const ageAtFirst = ageOn(s.birthDay, firstDay);
  // Social Security disability brings Medicare before 65 for about 4% of adults by age 60.
  const disabledFrom = rng.chance(0.045) ? addYears(s.birthDay, 30 + rng.int(35)) : Infinity;
  const uninsuredRisk =
    (s.ethnicity === 'hispanic' ? 1.9 : 1) * (s.race === 'black' ? 1.3 : s.race === 'native' ? 1.7 : 1);
  let guardianName = '';
  const guardian = () => (guardianName ||= `${firstName(rng, rng.chance(0.6) ? 'F' : 'M')} ${s.identity.last}`);
  const selfName = `${s.identity.first} ${s.identity.last}`;
  const spouseName = `${firstName(rng, s.sex === 'F' ? 'M' : 'F')} ${s.identity.last}`;

  let income = s.income * (ageAtFirst < 18 || ageAtFirst >= 65 ? 1 : Math.exp(0.15 * rng.normal()));
  const periods: CoveragePeriod[] = [];
  let day = firstDay;
  let previous = -1;
  while (day < s.lastDay || periods.length === 0) {
    const age = ageOn(s.birthDay, day);
    const payer = choosePayer(rng, age, income, day >= disabledFrom, uninsuredRisk, previous);
    const category = PAYERS[payer].category;
    const meanYears = category === 'Commercial' ? 3.5 : category === 'Medicaid' ? 2.5 : category === 'Uninsured' ? 0.9 : 6;
    let next = day + Math.max(45, Math.round(rng.exponential(meanYears * DAYS_PER_YEAR)));
    if (day < medicareDay && next > medicareDay) next = medicareDay;
    if (day < disabledFrom && next > disabledFrom) next = disabledFrom;
    next = Math.min(next, s.lastDay);
    const startTime = day * SECONDS_PER_DAY + anchor;
    const endTime = next >= s.lastDay ? Math.max(startTime, s.lastTime) : next * SECONDS_PER_DAY + anchor;

    const last = periods[periods.length - 1];
    if (last && last.payer === payer) {
      last.end = endTime;
    } else {
      const ownership = age < 18 || (age < 26 && category === 'Commercial' && rng.chance(0.5))
        ? 'Guardian'
        : category === 'Commercial' && s.identity.marital === 'M' && rng.chance(0.35) ? 'Spouse' : 'Self';
      periods.push({
        payer,
        start: startTime,
        end: endTime,
        memberId: randomUuid(rng),
        ownership,
        ownerName: ownership === 'Guardian' ? guardian() : ownership === 'Spouse' ? spouseName : selfName,
      });
    }
    previous = payer;
    if (age >= 18 && age < 65) income *= Math.exp(0.2 * rng.normal());
    day = Math.max(next, day + 1);
  }
  return periods;
}

function choosePayer(rng: Prng, age: number, income: number, disabled: boolean, uninsuredRisk: number, previous: number): number {
  const low = income < MEDICAID_INCOME_LIMIT;
  if (age >= 65 || disabled) {
    if (low && rng.chance(0.6)) return DUAL_ELIGIBLE;
    if (age >= 65 && age < 75 && !disabled && rng.chance(0.03)) return commercialPlan(rng, previous);
    return MEDICARE;
  }
  const child = age < 19;
  const youngAdult = age >= 19 && age < 26 ? 1.5 : 1;
  const pMedicaid = low ? (child ? 0.9 : 0.75) : income < 60_000 ? (child ? 0.25 : 0.1) : 0.01;
  const pUninsured = (low ? 0.13 : income < 60_000 ? 0.1 : 0.04) * uninsuredRisk * youngAdult * (child ? 0.5 : 1);
  const r = rng.next();
  if (r < pMedicaid) return MEDICAID;
  if (r < pMedicaid + pUninsured) return NO_INSURANCE;
  return commercialPlan(rng, previous);
}

/** Most renewals keep the same plan; a new job means a new draw from the market. */
function commercialPlan(rng: Prng, previous: number): number {
  if (COMMERCIAL.includes(previous) && rng.chance(0.6)) return previous;
  return COMMERCIAL[rng.weighted(COMMERCIAL_CUM)];
}

/** Index of the payer covering `time` (the nearest period when outside all of them). */
export function payerAt(periods: readonly CoveragePeriod[], time: number): number {
  for (let i = 0; i < periods.length; i++) {
    if (time < periods[i].end) return periods[i].payer;
  }
  return periods.length ? periods[periods.length - 1].payer : NO_INSURANCE;
}
