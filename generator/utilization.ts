// How often people use each kind of care, per person-year. Emergency visits by age follow
// NHAMCS 2018 (about 43 visits per 100 people a year, highest for infants and the very old);
// admissions follow HCUP National Inpatient Sample rates (about 90 stays per 1,000 a year
// excluding births). Chronic illness, Medicaid coverage and the 2020 pandemic modify them.
import type { PayerCategory } from './payers.ts';

const step = (bands: readonly (readonly [upToAge: number, rate: number])[]) => (age: number): number => {
  for (const [upTo, rate] of bands) if (age < upTo) return rate;
  return bands[bands.length - 1][1];
};

/** Emergency visits not leading to admission, per person-year, for a healthy person. */
export const emergencyRate = step([[1, 0.7], [5, 0.38], [18, 0.24], [25, 0.4], [45, 0.33], [65, 0.27], [75, 0.28], [200, 0.42]]);

/** Unplanned admissions per person-year, for a healthy person. */
export const admissionRate = step([[1, 0.03], [18, 0.012], [45, 0.03], [65, 0.045], [75, 0.09], [85, 0.15], [200, 0.22]]);

/** Acute (sick) visits to primary care or urgent care, per person-year. */
export const acuteVisitRate = step([[5, 1.4], [18, 0.7], [65, 0.4], [200, 0.45]]);

export const PAYER_EMERGENCY_FACTOR: Record<PayerCategory, number> = {
  Medicaid: 1.8, 'Dual Eligible': 1.6, Uninsured: 1.25, Medicare: 1, Commercial: 0.75,
};

/** Fewer visits during the 2020 lockdowns, partly recovered in 2021 (CDC MMWR 69(23), 2020). */
export function pandemicFactor(year: number, kind: 'office' | 'emergency' | 'admission'): number {
  if (year === 2020) return kind === 'office' ? 0.8 : kind === 'emergency' ? 0.78 : 0.88;
  if (year === 2021) return kind === 'office' ? 0.95 : 0.9;
  return 1;
}

/** Chronic-care follow-up visits per year for each active condition. */
export const FOLLOW_UPS: Record<string, number> = {
  diabetes: 2.5, hypertension: 1.2, heart_failure: 2, copd: 1.5, ckd: 1.5, asthma: 0.8, depression: 2,
  cad: 1.2, atrial_fibrillation: 1.2, hyperlipidemia: 0.5, osteoarthritis: 0.5, stroke: 0.8, obesity: 0.2,
};

/** Seasonal flu vaccination coverage by age (CDC FluVaxView 2018-19, rounded). */
export const fluVaccinationRate = step([[0.5, 0], [18, 0.58], [50, 0.35], [65, 0.47], [200, 0.68]]);
