// Chronic disease models. Each condition has a population-average curve of the share of people
// diagnosed by a given age (shapes after CDC NHIS/NHANES and MEPS published prevalence by age),
// and a person-specific log-odds shift for sex, race, ethnicity, income, body weight, smoking and
// earlier conditions. One uniform draw per condition inverts the person's curve into an onset
// age, so prevalence at the window start and yearly incidence inside it come from one model.
import type { Prng } from './prng.ts';
import type { Race, Sex } from './person-record.ts';

export interface RiskProfile {
  sex: Sex;
  race: Race;
  hispanic: boolean;
  lowIncome: boolean;
  smoker: boolean;
  obese: boolean;
  /** person-level propensity to chronic disease, standard normal */
  frailty: number;
  /** groups this person develops at some point (filled in model order) */
  has: Set<string>;
}

type Curve = readonly (readonly [age: number, share: number])[];

export interface ChronicModel {
  group: string;
  curve: Curve;
  /** log-odds shift; `center` keeps the population average near the curve */
  shift(r: RiskProfile): number;
  center: number;
}

const ln = Math.log;
const raceShift = (r: RiskProfile, w: Partial<Record<Race | 'hispanic', number>>): number =>
  (r.hispanic && w.hispanic ? ln(w.hispanic) : 0) + (w[r.race] ? ln(w[r.race] as number) : 0);
const flag = (on: boolean, or: number): number => (on ? ln(or) : 0);

/** Models in dependency order: later ones read `has` for earlier groups. Obesity comes from BMI. */
export const CHRONIC_MODELS: readonly ChronicModel[] = [
  {
    group: 'hypertension',
    curve: [[0, 0], [18, 0.01], [30, 0.06], [40, 0.14], [50, 0.28], [60, 0.44], [70, 0.6], [80, 0.7], [90, 0.76], [110, 0.78]],
    shift: (r) => raceShift(r, { black: 1.8, asian: 0.9, hispanic: 0.9 }) + flag(r.obese, 2.2) + flag(r.sex === 'M', 1.15) + flag(r.lowIncome, 1.2) + 0.4 * r.frailty,
    // Calibrated to Massachusetts adults' diagnosed high blood pressure (BRFSS; generator/README.md).
    center: 0.45,
  },
  {
    group: 'hyperlipidemia',
    curve: [[0, 0], [20, 0.01], [30, 0.05], [40, 0.13], [50, 0.26], [60, 0.4], [70, 0.5], [80, 0.54], [110, 0.56]],
    shift: (r) => flag(r.sex === 'M', 1.2) + flag(r.obese, 1.5) + flag(r.has.has('hypertension'), 1.6) + 0.3 * r.frailty,
    center: 0.25,
  },
  {
    group: 'diabetes',
    curve: [[0, 0], [10, 0.001], [18, 0.004], [30, 0.02], [40, 0.045], [50, 0.09], [60, 0.16], [70, 0.23], [80, 0.27], [110, 0.28]],
    shift: (r) => raceShift(r, { black: 1.6, asian: 1.8, native: 2.2, other: 1.2, hispanic: 1.6 }) + flag(r.obese, 3) + flag(r.lowIncome, 1.4) + flag(r.sex === 'M', 1.15) + 0.35 * r.frailty,
    // Calibrated to Massachusetts adults' diagnosed diabetes (BRFSS; generator/README.md).
    center: 1.0,
  },
  {
    group: 'asthma',
    curve: [[0, 0], [3, 0.03], [8, 0.08], [14, 0.11], [18, 0.12], [30, 0.13], [50, 0.15], [70, 0.17], [110, 0.18]],
    shift: (r) => raceShift(r, { black: 1.5, hispanic: 1.2, asian: 0.7 }) + flag(r.sex === 'F', 1.15) + flag(r.obese, 1.4) + flag(r.lowIncome, 1.3),
    center: 0.75,
  },
  {
    group: 'copd',
    curve: [[0, 0], [35, 0], [45, 0.01], [55, 0.04], [65, 0.08], [75, 0.12], [85, 0.15], [110, 0.16]],
    shift: (r) => flag(r.smoker, 6) + flag(r.lowIncome, 1.5) + raceShift(r, { asian: 0.5, hispanic: 0.6 }) + 0.3 * r.frailty,
    center: 0.45,
  },
  {
    group: 'depression',
    curve: [[0, 0], [12, 0.005], [18, 0.04], [25, 0.09], [35, 0.14], [50, 0.19], [65, 0.22], [80, 0.24], [110, 0.25]],
    shift: (r) => flag(r.sex === 'F', 1.8) + flag(r.lowIncome, 1.3) + raceShift(r, { white: 1.2, black: 0.8, asian: 0.5, hispanic: 0.9 }) + 0.2 * r.frailty,
    center: 0.35,
  },
  {
    group: 'osteoarthritis',
    curve: [[0, 0], [35, 0], [45, 0.03], [55, 0.09], [65, 0.18], [75, 0.27], [85, 0.33], [110, 0.35]],
    shift: (r) => flag(r.sex === 'F', 1.35) + flag(r.obese, 1.8),
    center: 0.0,
  },
  {
    group: 'ckd',
    curve: [[0, 0], [30, 0.002], [40, 0.008], [50, 0.02], [60, 0.045], [70, 0.09], [80, 0.16], [90, 0.22], [110, 0.24]],
    shift: (r) => flag(r.has.has('diabetes'), 3) + flag(r.has.has('hypertension'), 2.2) + raceShift(r, { black: 1.5, hispanic: 1.2 }) + 0.3 * r.frailty,
    center: 0.9,
  },
  {
    group: 'cad',
    curve: [[0, 0], [35, 0], [45, 0.01], [55, 0.035], [65, 0.08], [75, 0.14], [85, 0.2], [110, 0.23]],
    shift: (r) => flag(r.sex === 'M', 1.9) + flag(r.smoker, 2) + flag(r.has.has('diabetes'), 2) + flag(r.has.has('hyperlipidemia'), 1.6) + flag(r.has.has('hypertension'), 1.5) + 0.3 * r.frailty,
    center: 0.95,
  },
  {
    group: 'atrial_fibrillation',
    curve: [[0, 0], [40, 0], [50, 0.005], [60, 0.015], [70, 0.045], [80, 0.1], [90, 0.16], [110, 0.18]],
    shift: (r) => flag(r.sex === 'M', 1.5) + flag(r.race === 'white' && !r.hispanic, 1.4) + flag(r.has.has('hypertension'), 1.5) + flag(r.obese, 1.3),
    center: 0.6,
  },
  {
    group: 'heart_failure',
    curve: [[0, 0], [40, 0], [50, 0.005], [60, 0.015], [70, 0.04], [80, 0.085], [90, 0.15], [110, 0.17]],
    shift: (r) => flag(r.sex === 'M', 1.3) + raceShift(r, { black: 1.5 }) + flag(r.has.has('cad'), 3) + flag(r.has.has('hypertension'), 1.8) + flag(r.has.has('diabetes'), 1.8) + flag(r.has.has('atrial_fibrillation'), 2) + flag(r.obese, 1.4) + 0.3 * r.frailty,
    center: 0.9,
  },
  {
    group: 'stroke',
    curve: [[0, 0], [40, 0], [50, 0.006], [60, 0.016], [70, 0.035], [80, 0.065], [90, 0.1], [110, 0.11]],
    shift: (r) => flag(r.has.has('hypertension'), 2) + flag(r.has.has('atrial_fibrillation'), 2.5) + raceShift(r, { black: 1.6 }) + flag(r.has.has('diabetes'), 1.5) + flag(r.smoker, 1.5),
    center: 0.45,
  },
];

const EPS = 1e-9;
const logit = (p: number): number => Math.log(Math.max(p, EPS) / Math.max(1 - p, EPS));
const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Age (in years, fractional) at which this person is first diagnosed, or null if never by the
 * end of the curve. The person's curve is the population curve shifted on the log-odds scale,
 * which keeps it non-decreasing, so one uniform draw inverts it.
 */
export function sampleOnsetAge(rng: Prng, model: ChronicModel, profile: RiskProfile): number | null {
  const shift = model.shift(profile) - model.center;
  const u = rng.next();
  const curve = model.curve;
  let prevAge = curve[0][0];
  let prevP = curve[0][1] > 0 ? logistic(logit(curve[0][1]) + shift) : 0;
  for (let i = 1; i < curve.length; i++) {
    const [age, share] = curve[i];
    const p = share > 0 ? logistic(logit(share) + shift) : 0;
    if (p >= u && p > prevP) return prevAge + ((u - prevP) / (p - prevP)) * (age - prevAge);
    prevAge = age;
    prevP = p;
  }
  return null;
}
