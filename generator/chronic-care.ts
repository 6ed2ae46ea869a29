// Diagnosis and treatment of chronic conditions. New conditions are diagnosed at a visit on
// their onset day (strokes, and some heart attacks and heart failure, in hospital); conditions
// that began before the window are recorded, with their historical onset date, at the
// person's first visit in the window, as on a problem list carried into the EHR.
import { SECONDS_PER_DAY } from './calendar.ts';
import { ACUTE, ENCOUNTER_TYPES, MEDICATIONS, type MedicationKey } from './clinical-codes.ts';
import type { CareContext, Treatment } from './care-context.ts';
import { TYPE_1_DIABETES } from './condition-catalog.ts';
import type { ChronicEpisode } from './health-profile.ts';
import { admit } from './hospital-care.ts';
import type { EncounterRecord } from './person-record.ts';
import type { Prng } from './prng.ts';

/** [medication, probability it is prescribed]; shares of treated patients roughly as in MEPS. */
const REGIMENS: Record<string, readonly (readonly [MedicationKey, number])[]> = {
  diabetes: [['metformin', 0.88], ['insulin', 0.18]],
  hypertension: [['lisinopril', 0.6], ['amlodipine', 0.3], ['hydrochlorothiazide', 0.25]],
  hyperlipidemia: [['atorvastatin', 0.5], ['simvastatin', 0.25]],
  asthma: [['albuterol', 0.95], ['fluticasone', 0.5]],
  copd: [['fluticasoneSalmeterol', 0.7], ['albuterol', 0.85]],
  heart_failure: [['furosemide', 0.85], ['carvedilol', 0.7]],
  depression: [['sertraline', 0.65]],
  cad: [['aspirin', 0.75], ['clopidogrel', 0.35], ['nitroglycerin', 0.3]],
  atrial_fibrillation: [['warfarin', 0.6]],
  osteoarthritis: [['naproxen', 0.45], ['acetaminophen', 0.35]],
  stroke: [['clopidogrel', 0.5]],
};

export function planTreatments(rng: Prng, episodes: readonly ChronicEpisode[]): Map<string, Treatment> {
  const plans = new Map<string, Treatment>();
  for (const episode of episodes) {
    const meds: MedicationKey[] = episode.code.code === TYPE_1_DIABETES
      ? ['insulin']
      : (REGIMENS[episode.group] ?? []).filter(([, p]) => rng.chance(p)).map(([m]) => m);
    plans.set(episode.group, { episode, meds });
  }
  return plans;
}

/** Prescriptions for a condition, from `e`; a tenth are stopped after one to three years. */
export function prescribe(ctx: CareContext, e: EncounterRecord, t: Treatment): void {
  for (const key of t.meds) {
    let stop: number | null = null;
    if (t.episode.stopDay !== null) stop = t.episode.stopDay * SECONDS_PER_DAY;
    else if (ctx.rng.chance(0.1)) stop = e.start + Math.round((1 + 2 * ctx.rng.next()) * 365 * SECONDS_PER_DAY);
    if (stop !== null && !ctx.open(stop)) stop = null;
    if (stop === null && ctx.lastDay < ctx.windowEnd) stop = ctx.care.lastTime; // deceased: treatment ends
    ctx.care.medication(e, MEDICATIONS[key], stop, t.episode.code);
  }
}

function recordCondition(ctx: CareContext, e: EncounterRecord, ep: ChronicEpisode): void {
  ctx.care.condition(e, ep.code, ep.group, ep.onsetDay, ep.stopDay);
}

/** The visit at which a condition that starts inside the window is diagnosed. */
export function diagnose(ctx: CareContext, t: Treatment): void {
  const ep = t.episode;
  const day = ep.onsetDay;
  const r = ctx.rng;
  let e: EncounterRecord | null = null;
  if (ep.group === 'stroke' || (ep.group === 'cad' && r.chance(0.3)) || (ep.group === 'heart_failure' && r.chance(0.4))) {
    const reason = ep.group === 'cad' ? ACUTE.infarction : ep.code;
    e = admit(ctx, day, reason, { viaEmergency: true, speciality: ep.group === 'stroke' ? 'INTERNAL MEDICINE' : 'CARDIOLOGY' });
  } else {
    const time = ctx.officeTime(day);
    if (ctx.open(time)) {
      e = ctx.care.encounter('ambulatory', ENCOUNTER_TYPES.problem, time, 900 + r.int(1800), ep.code);
      ctx.vitals(e, { bp: true, bmi: ep.group === 'obesity' || r.chance(0.5), hba1c: ep.group === 'diabetes' || ep.group === 'ckd' });
    }
  }
  if (!e) return;
  recordCondition(ctx, e, ep);
  prescribe(ctx, e, t);
}

/** Conditions that began before the window, recorded at the first visit inside it. */
export function recordPrevalent(ctx: CareContext, first: EncounterRecord): void {
  for (const t of ctx.treatments.values()) {
    if (t.episode.onsetDay >= ctx.windowStart) continue;
    recordCondition(ctx, first, t.episode);
    if (t.episode.stopDay === null || t.episode.stopDay * SECONDS_PER_DAY > first.start) prescribe(ctx, first, t);
  }
}
