// Emergency visits and hospital stays: admissions (about half through the emergency
// department), multi-day lengths of stay that grow with age, readmissions within 30 days
// (more after heart failure and COPD, as in CMS's readmission programme), and deaths in hospital.
import { SECONDS_PER_DAY } from './calendar.ts';
import { ACUTE, ENCOUNTER_TYPES, PROCEDURES, type Coded } from './clinical-codes.ts';
import type { CareContext } from './care-context.ts';
import type { Speciality } from './facilities.ts';
import type { EncounterRecord } from './person-record.ts';

const HOUR = 3600;
const ACUTE_CODES = new Set<Coded>(Object.values(ACUTE));

/** Groups whose flare-ups bring people to the emergency department or hospital. */
const EXACERBATING = ['heart_failure', 'copd', 'asthma', 'diabetes', 'ckd', 'cad', 'atrial_fibrillation'] as const;

export function emergencyVisit(ctx: CareContext, day: number): void {
  const r = ctx.rng;
  const start = ctx.anyTime(day);
  if (!ctx.open(start)) return;
  const age = ctx.age(day);
  const flaring = EXACERBATING.filter((g) => ctx.active(day).has(g));
  let reason: Coded;
  let acute = false;
  if (flaring.length && r.chance(0.35)) {
    reason = ctx.code(r.pick(flaring));
  } else {
    acute = true;
    reason = age < 18
      ? r.pick([ACUTE.sprain, ACUTE.laceration, ACUTE.concussion, ACUTE.otitis, ACUTE.bronchitis, ACUTE.pharyngitis])
      : r.pick([ACUTE.sprain, ACUTE.laceration, ACUTE.concussion, ACUTE.cystitis, ACUTE.bronchitis, ACUTE.pneumonia, ACUTE.sinusitis]);
  }
  const e = ctx.care.encounter('emergency', ENCOUNTER_TYPES.emergency, start, 2 * HOUR + r.int(6 * HOUR), reason);
  if (acute) ctx.care.condition(e, reason, null, day, Math.min(ctx.lastDay, day + 14 + r.int(28)));
  ctx.vitals(e, { bp: r.chance(0.7) });
  if (age >= 40 && r.chance(0.3)) ctx.care.procedure(e, PROCEDURES.electrocardiogram, reason, 10);
}

/** Reason for an unplanned admission of someone this age with these active conditions. */
export function admissionReason(ctx: CareContext, day: number): Coded {
  const r = ctx.rng;
  const flaring = EXACERBATING.filter((g) => ctx.active(day).has(g));
  if (flaring.length && r.chance(0.5)) return ctx.code(r.pick(flaring));
  const age = ctx.age(day);
  if (age >= 75 && r.chance(0.2)) return ACUTE.hipFracture;
  if (age >= 45 && r.chance(0.15)) return ACUTE.infarction;
  return r.chance(0.6) ? ACUTE.pneumonia : ACUTE.sepsis;
}

export interface AdmitOptions {
  viaEmergency: boolean;
  speciality?: Speciality;
  /** ends the stay at this moment (death in hospital) */
  endAt?: number;
}

/** An inpatient stay starting on `day`; returns the inpatient encounter (null if past the record end). */
export function admit(ctx: CareContext, day: number, reason: Coded, o: AdmitOptions): EncounterRecord | null {
  const r = ctx.rng;
  let start = ctx.anyTime(day);
  if (!ctx.open(start)) return null;
  if (o.viaEmergency) {
    const ed = ctx.care.encounter('emergency', ENCOUNTER_TYPES.emergency, start, 3 * HOUR + r.int(5 * HOUR), reason);
    ctx.vitals(ed, { bp: true });
    start = ed.stop;
    if (!ctx.open(start)) return null;
  }
  const age = ctx.age(day);
  const days = Math.min(30, 1 + Math.floor(r.exponential(2.5 + age / 40)));
  const duration = o.endAt !== undefined ? Math.max(HOUR, o.endAt - start) : days * SECONDS_PER_DAY + r.int(8 * HOUR);
  const type = o.viaEmergency ? ENCOUNTER_TYPES.emergencyAdmission : ENCOUNTER_TYPES.admission;
  const e = ctx.care.encounter('inpatient', type, start, duration, reason, o.speciality);
  ctx.vitals(e, { bp: true, hba1c: ctx.active(day).has('diabetes') && r.chance(0.5) });
  if (reason === ACUTE.hipFracture) ctx.care.procedure(e, PROCEDURES.hipReplacement, reason, 120);
  if (reason === ACUTE.infarction && r.chance(0.6)) ctx.care.procedure(e, PROCEDURES.coronaryIntervention, reason, 90);
  if (ACUTE_CODES.has(reason)) {
    const dischargeDay = Math.floor(e.stop / SECONDS_PER_DAY);
    ctx.care.condition(e, reason, null, day, Math.min(ctx.lastDay, dischargeDay + 14 + r.int(30)));
  }
  return e;
}

/** Readmissions within 30 days of discharge after an unplanned stay, chained at most twice. */
export function maybeReadmit(ctx: CareContext, stay: EncounterRecord, chain = 0): void {
  const day = Math.floor(stay.stop / SECONDS_PER_DAY);
  const active = ctx.active(day);
  const p = 0.1 + (active.has('heart_failure') ? 0.07 : 0) + (active.has('copd') ? 0.04 : 0) + (active.has('ckd') ? 0.03 : 0) + (ctx.age(day) >= 75 ? 0.02 : 0);
  if (chain >= 2 || !ctx.rng.chance(p)) return;
  const again = admit(ctx, day + 2 + ctx.rng.int(28), stay.reason ?? admissionReason(ctx, day), { viaEmergency: ctx.rng.chance(0.7) });
  if (again) maybeReadmit(ctx, again, chain + 1);
}

/** About a third of deaths happen in hospital (NCHS, place of death): the last stay ends at death. */
export function maybeDieInHospital(ctx: CareContext, deathTime: number): void {
  const r = ctx.rng;
  if (!r.chance(0.35)) return;
  const deathDay = Math.floor(deathTime / SECONDS_PER_DAY);
  const day = Math.max(ctx.windowStart, deathDay - r.int(8));
  admit(ctx, day, admissionReason(ctx, day), { viaEmergency: r.chance(0.7), endAt: deathTime });
}
