// One calendar year of a person's care outside the diagnoses: check-ups (well-child schedule
// for infants), chronic-care follow-ups with their labs, sick visits, screening and other
// outpatient procedures, seasonal flu shots, emergency visits and unplanned admissions.
import { dayFromCivil, yearOfDay } from './calendar.ts';
import { ACUTE, ENCOUNTER_TYPES, FLU_VACCINE, MEDICATIONS, PROCEDURES, type Coded, type Priced } from './clinical-codes.ts';
import type { CareContext } from './care-context.ts';
import { END_STAGE_RENAL_DISEASE } from './condition-catalog.ts';
import { admissionReason, admit, emergencyVisit, maybeReadmit } from './hospital-care.ts';
import type { EncounterRecord } from './person-record.ts';
import {
  acuteVisitRate, admissionRate, emergencyRate, FOLLOW_UPS, fluVaccinationRate, pandemicFactor, PAYER_EMERGENCY_FACTOR,
} from './utilization.ts';

/** Ages in months of the well-child visits of the first two years (AAP Bright Futures). */
const WELL_CHILD_MONTHS = [0.5, 2, 4, 6, 9, 12, 15, 18, 24];
/** Conditions that count towards "number of chronic conditions" for utilization. */
const BURDEN = new Set(['diabetes', 'hypertension', 'heart_failure', 'copd', 'ckd', 'asthma', 'depression', 'cad', 'atrial_fibrillation', 'stroke']);
const CHECKED_BP = new Set(['hypertension', 'diabetes', 'ckd', 'heart_failure', 'cad', 'stroke', 'atrial_fibrillation']);

export function simulateYear(ctx: CareContext, from: number, to: number): void {
  const r = ctx.rng;
  const year = yearOfDay(from);
  const length = to - from + 1;
  const share = length / 365.25;
  const mid = from + (length >> 1);
  const age = ctx.age(mid);
  const active = ctx.active(mid);
  const payer = ctx.payerCategory(ctx.anyTime(mid));
  const burden = [...active].filter((g) => BURDEN.has(g)).length;
  const someDay = () => from + r.int(length);
  const uninsured = payer === 'Uninsured';

  // Check-ups; the flu shot is given at one when the season allows.
  const fluSeasonStart = dayFromCivil(year, 9, 1);
  let fluDue = r.chance(fluVaccinationRate(age) * (uninsured ? 0.5 : 1) * (ctx.demo.race === 'black' || ctx.demo.ethnicity === 'hispanic' ? 0.82 : 1));
  const checkUp = (day: number) => {
    const time = ctx.officeTime(day);
    if (!ctx.open(time)) return;
    const e = ctx.care.encounter('wellness', age < 18 ? ENCOUNTER_TYPES.wellChild : ENCOUNTER_TYPES.checkUp, time, 900 + r.int(1800), null);
    const diabetic = active.has('diabetes');
    ctx.vitals(e, { bp: true, bmi: true, hba1c: diabetic ? r.chance(0.5) : age >= 35 && r.chance(age >= 45 ? 0.35 : 0.15) });
    if ([...active].some((g) => ctx.treated(g)) && r.chance(0.8)) ctx.care.procedure(e, PROCEDURES.medicationReconciliation, null);
    if (fluDue && day >= fluSeasonStart) {
      ctx.care.immunization(e, FLU_VACCINE);
      fluDue = false;
    }
  };
  if (age < 2.2) {
    for (const months of WELL_CHILD_MONTHS) {
      const day = ctx.demo.birthDay + Math.round(months * 30.44);
      if (day >= from && day <= to && r.chance(0.92)) checkUp(day);
    }
  } else {
    const p = (age < 18 ? 0.8 : 0.5 + (age >= 65 ? 0.2 : 0) + (burden ? 0.1 : 0)) * (uninsured ? 0.5 : 1) * pandemicFactor(year, 'office');
    if (r.chance(p * share)) checkUp(someDay());
  }
  const seasonFrom = Math.max(from, dayFromCivil(year, 9, 15));
  const seasonTo = Math.min(to, dayFromCivil(year, 11, 30));
  if (fluDue && seasonFrom <= seasonTo) {
    const time = ctx.officeTime(seasonFrom + r.int(seasonTo - seasonFrom + 1));
    if (ctx.open(time)) ctx.care.immunization(ctx.care.encounter('ambulatory', ENCOUNTER_TYPES.vaccination, time, 600, null), FLU_VACCINE);
  }

  // Chronic-care follow-ups, each for one of the active conditions.
  const groups = [...active].filter((g) => FOLLOW_UPS[g]);
  const weights = groups.map((g) => FOLLOW_UPS[g]);
  const total = weights.reduce((a, b) => a + b, 0);
  const visits = r.poisson(Math.min(8, total) * share * (uninsured ? 0.5 : 1) * pandemicFactor(year, 'office'));
  for (let i = 0; i < visits; i++) {
    let pick = r.next() * total;
    let g = groups[0];
    for (let j = 0; j < groups.length; j++) if ((pick -= weights[j]) < 0) { g = groups[j]; break; }
    followUp(ctx, someDay(), g);
  }
  if (active.has('ckd') && ctx.code('ckd').code === END_STAGE_RENAL_DISEASE) {
    // Dialysis, one outpatient record a month.
    for (let m = 0; m < Math.round(12 * share); m++) outpatient(ctx, Math.min(to, from + m * 30 + r.int(28)), PROCEDURES.hemodialysis, ctx.code('ckd'), 'NEPHROLOGY');
  }

  // Sick visits, a fifth of them at urgent care.
  const sick = r.poisson(acuteVisitRate(age) * share * pandemicFactor(year, 'office'));
  for (let i = 0; i < sick; i++) sickVisit(ctx, someDay(), age);

  // Screening and other outpatient procedures.
  if (ctx.demo.sex === 'F' && age >= 50 && age < 75 && r.chance(0.38 * share)) outpatient(ctx, someDay(), PROCEDURES.mammography, null, 'RADIOLOGY');
  if (age >= 45 && age < 76 && r.chance(0.07 * share)) outpatient(ctx, someDay(), PROCEDURES.colonoscopy, null, 'INTERNAL MEDICINE');
  if (active.has('heart_failure') && r.chance(0.4 * share)) outpatient(ctx, someDay(), PROCEDURES.echocardiography, ctx.code('heart_failure'), 'CARDIOLOGY');
  if (active.has('copd') && r.chance(0.25 * share)) outpatient(ctx, someDay(), PROCEDURES.chestXray, ctx.code('copd'), 'PULMONOLOGY');
  if (active.has('osteoarthritis') && age >= 50 && r.chance(0.02 * share)) {
    const e = admit(ctx, someDay(), ctx.code('osteoarthritis'), { viaEmergency: false });
    if (e) ctx.care.procedure(e, r.chance(0.6) ? PROCEDURES.kneeReplacement : PROCEDURES.hipReplacement, ctx.code('osteoarthritis'), 120);
  }

  // Emergencies and unplanned admissions: more with age, chronic illness and Medicaid.
  const edVisits = r.poisson(emergencyRate(age) * (1 + 0.22 * burden) * PAYER_EMERGENCY_FACTOR[payer] * pandemicFactor(year, 'emergency') * share);
  for (let i = 0; i < edVisits; i++) emergencyVisit(ctx, someDay());
  const stayRate = admissionRate(age) * (1 + 0.3 * burden) * (active.has('heart_failure') ? 1.8 : 1) * (active.has('copd') ? 1.4 : 1)
    * (payer === 'Medicaid' || payer === 'Dual Eligible' ? 1.25 : 1) * pandemicFactor(year, 'admission');
  const stays = r.poisson(stayRate * share);
  for (let i = 0; i < stays; i++) {
    const day = someDay();
    const stay = admit(ctx, day, admissionReason(ctx, day), { viaEmergency: r.chance(0.55) });
    if (stay) maybeReadmit(ctx, stay);
  }
  covid(ctx, year, from, to, age);
}

function followUp(ctx: CareContext, day: number, group: string): void {
  const r = ctx.rng;
  const time = ctx.officeTime(day);
  if (!ctx.open(time)) return;
  const type = r.chance(0.7) ? ENCOUNTER_TYPES.followUp : ENCOUNTER_TYPES.problem;
  const e = ctx.care.encounter('ambulatory', type, time, 900 + r.int(1800), ctx.code(group));
  const diabetic = ctx.active(day).has('diabetes');
  ctx.vitals(e, {
    bp: CHECKED_BP.has(group) || r.chance(0.5),
    bmi: group === 'obesity' || r.chance(0.3),
    hba1c: diabetic && (group === 'diabetes' ? r.chance(0.85) : r.chance(0.1)),
  });
}

function outpatient(ctx: CareContext, day: number, proc: Priced, reason: Coded | null, speciality: 'RADIOLOGY' | 'INTERNAL MEDICINE' | 'CARDIOLOGY' | 'PULMONOLOGY' | 'NEPHROLOGY'): EncounterRecord | null {
  const time = ctx.officeTime(day);
  if (!ctx.open(time)) return null;
  const minutes = proc === PROCEDURES.hemodialysis ? 240 : 30 + ctx.rng.int(60);
  const e = ctx.care.encounter('outpatient', ENCOUNTER_TYPES.outpatient, time, (minutes + 15) * 60, reason, speciality);
  ctx.care.procedure(e, proc, reason, minutes);
  return e;
}

const CHILD_ILLNESS: readonly (readonly [Coded, number])[] = [[ACUTE.otitis, 0.3], [ACUTE.pharyngitis, 0.3], [ACUTE.strep, 0.1], [ACUTE.bronchitis, 0.1], [ACUTE.sinusitis, 0.1], [ACUTE.sprain, 0.05], [ACUTE.laceration, 0.05]];
const ADULT_ILLNESS: readonly (readonly [Coded, number])[] = [[ACUTE.pharyngitis, 0.2], [ACUTE.sinusitis, 0.25], [ACUTE.bronchitis, 0.2], [ACUTE.cystitis, 0.12], [ACUTE.strep, 0.05], [ACUTE.sprain, 0.1], [ACUTE.laceration, 0.08]];

function sickVisit(ctx: CareContext, day: number, age: number): void {
  const r = ctx.rng;
  const time = ctx.officeTime(day);
  if (!ctx.open(time)) return;
  const table = age < 18 ? CHILD_ILLNESS : ADULT_ILLNESS;
  let x = r.next();
  let illness = table[0][0];
  for (const [c, w] of table) if ((x -= w) < 0) { illness = c; break; }
  if (illness === ACUTE.cystitis && ctx.demo.sex === 'M' && r.chance(0.8)) illness = ACUTE.pharyngitis;
  const urgent = r.chance(0.2);
  const e = ctx.care.encounter(urgent ? 'urgentcare' : 'ambulatory', urgent ? ENCOUNTER_TYPES.urgentCare : ENCOUNTER_TYPES.symptom, time, 900 + r.int(1800), illness);
  ctx.care.condition(e, illness, null, day, Math.min(ctx.lastDay, day + 7 + r.int(15)));
  const antibiotic = illness === ACUTE.strep ? MEDICATIONS.penicillin : illness === ACUTE.otitis || (illness === ACUTE.sinusitis && r.chance(0.4)) ? MEDICATIONS.amoxicillin : null;
  if (antibiotic && r.chance(0.8)) ctx.care.medication(e, antibiotic, Math.min(ctx.care.lastTime, time + 10 * 86_400), illness);
  if (illness === ACUTE.sprain && r.chance(0.4)) ctx.care.medication(e, MEDICATIONS.naproxen, Math.min(ctx.care.lastTime, time + 14 * 86_400), illness);
}

/** COVID-19 from March 2020: diagnosed cases (about 5-8% a year) and hospitalization of older people. */
function covid(ctx: CareContext, year: number, from: number, to: number, age: number): void {
  const r = ctx.rng;
  if (year < 2020 || year > 2022) return;
  const start = Math.max(from, year === 2020 ? dayFromCivil(2020, 3, 1) : from);
  if (start > to || !r.chance(year === 2020 ? 0.05 : year === 2021 ? 0.06 : 0.08)) return;
  const day = start + r.int(to - start + 1);
  const severe = age >= 65 ? 0.12 : age >= 45 ? 0.04 : 0.01;
  if (r.chance(severe * (year === 2022 ? 0.5 : 1))) {
    const stay = admit(ctx, day, ACUTE.covid, { viaEmergency: true });
    if (stay) maybeReadmit(ctx, stay);
    return;
  }
  const time = ctx.officeTime(day);
  if (!ctx.open(time)) return;
  const urgent = r.chance(0.3);
  const e = ctx.care.encounter(urgent ? 'urgentcare' : 'ambulatory', urgent ? ENCOUNTER_TYPES.urgentCare : ENCOUNTER_TYPES.symptom, time, 900 + r.int(900), ACUTE.covid);
  ctx.care.condition(e, ACUTE.covid, null, day, Math.min(ctx.lastDay, day + 14 + r.int(14)));
}
