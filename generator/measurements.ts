// Values of the measurements the dashboard tracks: HbA1c, blood pressure and BMI. Disease
// control moves with the calendar (improving 2016-2019, worse during the 2020-2021 pandemic
// disruption of chronic care, then recovering) and differs by race and ethnicity, payer and
// county, the gaps reported in the literature on diabetes and hypertension control.
import type { PayerCategory } from './payers.ts';
import type { HealthProfile } from './health-profile.ts';
import type { Race, Sex } from './person-record.ts';
import type { Prng } from './prng.ts';

/** A shift per calendar year from 2016; years outside the table take the nearest entry. */
const yearly = (from2016: readonly number[]) => (year: number): number =>
  from2016[Math.min(Math.max(year - 2016, 0), from2016.length - 1)];
/** Shift of the mean HbA1c (%) of people with diabetes, 2016-2025. */
const HBA1C_BY_YEAR = yearly([0.3, 0.18, 0.06, -0.1, 0.35, 0.25, 0.05, -0.05, -0.12, -0.18]);
/** Shift of mean systolic pressure (mm[Hg]) of people with hypertension, 2016-2025. */
const SYSTOLIC_BY_YEAR = yearly([1.5, 0.8, 0, -0.8, 2.5, 2, 0.5, 0, -0.5, -1]);
const HBA1C_BY_PAYER: Record<PayerCategory, number> = { Uninsured: 0.6, Medicaid: 0.3, 'Dual Eligible': 0.25, Medicare: 0, Commercial: -0.1 };
const HBA1C_BY_COUNTY: Record<string, number> = { '25013': 0.2, '25025': 0.15, '25005': 0.1, '25017': -0.1, '25021': -0.12, '25001': -0.05 };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export interface MeasureContext {
  age: number;
  year: number;
  sex: Sex;
  race: Race;
  hispanic: boolean;
  countyFips: string;
  payer: PayerCategory;
}

export function hba1c(rng: Prng, h: HealthProfile, c: MeasureContext, diabetic: boolean, treated: boolean): number {
  if (!diabetic) {
    const v = 5.35 + 0.008 * (c.age - 40) + 0.3 * h.hba1cOffset + (c.race === 'black' ? 0.15 : 0) + 0.2 * rng.normal();
    return clamp(v, 4.2, 6.4);
  }
  // Right-skewed between people, as measured HbA1c is: calibrated so that the HEDIS poor-control
  // share (> 9.0% or no test) lands inside the range of NCQA's plan-type averages (generator/README.md).
  let v = 7.6 + 1.5 * h.hba1cOffset + 0.78 * Math.max(0, h.hba1cOffset) ** 2 + HBA1C_BY_YEAR(c.year) + HBA1C_BY_PAYER[c.payer] + (HBA1C_BY_COUNTY[c.countyFips] ?? 0);
  if (c.race === 'black' || c.race === 'native') v += 0.2;
  if (c.hispanic) v += 0.2;
  if (!treated) v += 0.5;
  return clamp(v + 0.35 * rng.normal(), 5.2, 14.5);
}

/** [systolic, diastolic] in mm[Hg]. */
export function bloodPressure(rng: Prng, h: HealthProfile, c: MeasureContext, hypertensive: boolean, treated: boolean): [number, number] {
  let sys: number;
  if (c.age < 18) {
    sys = 92 + 1.3 * c.age + 7 * rng.normal();
    return [Math.round(sys), Math.round(0.55 * sys + 8 + 5 * rng.normal())];
  }
  if (hypertensive) {
    // Calibrated so that HEDIS blood pressure control (< 140/90) lands near NCQA's averages (generator/README.md).
    sys = 132.5 + h.systolicOffset + SYSTOLIC_BY_YEAR(c.year) + 9 * rng.normal();
    if (c.race === 'black') sys += 3;
    if (c.payer === 'Uninsured') sys += 5;
    else if (c.payer === 'Medicaid') sys += 2;
    if (!treated) sys += 6;
  } else {
    sys = Math.min(139, 110 + 0.3 * (c.age - 18) + (c.sex === 'M' ? 4 : 0) + 0.5 * h.systolicOffset + 8 * rng.normal());
  }
  sys = clamp(sys, 85, 210);
  return [Math.round(sys), Math.round(clamp(0.45 * sys + 21 + 5 * rng.normal(), 45, 125))];
}
