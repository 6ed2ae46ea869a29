// The code systems and codes the generator emits besides the chronic condition value sets
// (those come from data/reference/condition-groups.csv). Codes and display names are the ones
// Synthea's modules use (SNOMED CT, LOINC, RxNorm, CVX), costs are per unit in US dollars.
import { csvField } from './csv-field.ts';

export interface Coded {
  system: string;
  code: string;
  display: string;
  /** display as it goes into a CSV line, quoted when it contains a comma */
  csv: string;
}

export interface Priced extends Coded {
  cost: number;
}

const coded = (system: string, code: string, display: string): Coded => ({
  system,
  code,
  display,
  csv: csvField(display),
});
const snomed = (code: string, display: string): Coded => coded('SNOMED-CT', code, display);
const priced = (c: Coded, cost: number): Priced => ({ ...c, cost });

export const ENCOUNTER_TYPES = {
  wellChild: snomed('410620009', 'Well child visit (procedure)'),
  checkUp: snomed('162673000', 'General examination of patient (procedure)'),
  followUp: snomed('390906007', 'Follow-up encounter (procedure)'),
  problem: snomed('185347001', 'Encounter for problem (procedure)'),
  symptom: snomed('185345009', 'Encounter for symptom (procedure)'),
  vaccination: snomed('33879002', 'Administration of vaccine to produce active immunity (procedure)'),
  urgentCare: snomed('702927004', 'Urgent care clinic (procedure)'),
  outpatient: snomed('371883000', 'Outpatient procedure (procedure)'),
  emergency: snomed('50849002', 'Emergency room admission (procedure)'),
  admission: snomed('32485007', 'Hospital admission (procedure)'),
  emergencyAdmission: snomed('183452005', 'Emergency hospital admission (procedure)'),
} as const;

/** Self-limiting conditions: a start, a stop some days later, and the visit they caused. */
export const ACUTE = {
  pharyngitis: snomed('195662009', 'Acute viral pharyngitis (disorder)'),
  strep: snomed('43878008', 'Streptococcal sore throat (disorder)'),
  bronchitis: snomed('10509002', 'Acute bronchitis (disorder)'),
  sinusitis: snomed('444814009', 'Viral sinusitis (disorder)'),
  otitis: snomed('65363002', 'Otitis media (disorder)'),
  cystitis: snomed('38822007', 'Cystitis (disorder)'),
  sprain: snomed('44465007', 'Sprain of ankle (disorder)'),
  laceration: snomed('284551006', 'Laceration of foot (disorder)'),
  concussion: snomed('62106007', 'Concussion with no loss of consciousness (disorder)'),
  pneumonia: snomed('233604007', 'Pneumonia (disorder)'),
  sepsis: snomed('91302008', 'Sepsis (disorder)'),
  hipFracture: snomed('5913000', 'Fracture of neck of femur (disorder)'),
  infarction: snomed('22298006', 'Myocardial infarction (disorder)'),
  covid: snomed('840539006', 'Disease caused by severe acute respiratory syndrome coronavirus 2 (disorder)'),
} as const;

const rx = (code: string, display: string, cost: number): Priced => priced(coded('RxNorm', code, display), cost);

/** Medications; cost is per dispense (a month's supply, or one inhaler/course). */
export const MEDICATIONS = {
  metformin: rx('860975', '24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet', 11.4),
  insulin: rx('106892', 'insulin isophane, human 70 UNT/ML / insulin, regular, human 30 UNT/ML Injectable Suspension [Humulin]', 104.9),
  lisinopril: rx('314076', 'lisinopril 10 MG Oral Tablet', 9.85),
  amlodipine: rx('197361', 'amlodipine 5 MG Oral Tablet', 8.4),
  hydrochlorothiazide: rx('310798', 'Hydrochlorothiazide 25 MG Oral Tablet', 6.1),
  atorvastatin: rx('259255', 'atorvastatin 80 MG Oral Tablet', 22.1),
  simvastatin: rx('314231', 'Simvastatin 10 MG Oral Tablet', 7.6),
  albuterol: rx('2123111', 'NDA020503 200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler', 37.55),
  fluticasone: rx('895994', '120 ACTUAT fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler', 120.4),
  fluticasoneSalmeterol: rx('896209', '60 ACTUAT Fluticasone propionate 0.25 MG/ACTUAT / salmeterol 0.05 MG/ACTUAT Dry Powder Inhaler', 245.1),
  furosemide: rx('313988', 'Furosemide 40 MG Oral Tablet', 7.2),
  carvedilol: rx('200033', 'carvedilol 25 MG Oral Tablet', 9.3),
  sertraline: rx('312940', 'Sertraline 50 MG Oral Tablet', 12.4),
  clopidogrel: rx('309362', 'Clopidogrel 75 MG Oral Tablet', 15.8),
  aspirin: rx('243670', 'aspirin 81 MG Oral Tablet', 2.5),
  nitroglycerin: rx('705129', 'Nitroglycerin 0.4 MG/ACTUAT Mucosal Spray', 275.1),
  warfarin: rx('855332', 'Warfarin Sodium 5 MG Oral Tablet', 9.2),
  naproxen: rx('849574', 'Naproxen sodium 220 MG Oral Tablet', 5.49),
  acetaminophen: rx('313782', 'Acetaminophen 325 MG Oral Tablet', 3.2),
  amoxicillin: rx('308182', 'Amoxicillin 250 MG Oral Capsule', 8.1),
  penicillin: rx('834061', 'Penicillin V Potassium 500 MG Oral Tablet', 10.5),
} as const;

export type MedicationKey = keyof typeof MEDICATIONS;

export const PROCEDURES = {
  medicationReconciliation: priced(snomed('430193006', 'Medication Reconciliation (procedure)'), 420.0),
  mammography: priced(snomed('71651007', 'Mammography (procedure)'), 260.0),
  colonoscopy: priced(snomed('73761001', 'Colonoscopy (procedure)'), 1150.0),
  electrocardiogram: priced(snomed('29303009', 'Electrocardiographic procedure (procedure)'), 85.0),
  echocardiography: priced(snomed('40701008', 'Echocardiography (procedure)'), 580.0),
  chestXray: priced(snomed('399208008', 'Plain X-ray of chest (procedure)'), 110.0),
  hemodialysis: priced(snomed('302497006', 'Hemodialysis (procedure)'), 2900.0),
  hipReplacement: priced(snomed('52734007', 'Total replacement of hip (procedure)'), 18500.0),
  kneeReplacement: priced(snomed('609588000', 'Total knee replacement (procedure)'), 17800.0),
  coronaryIntervention: priced(snomed('415070008', 'Percutaneous coronary intervention (procedure)'), 21000.0),
} as const;

export interface ObservationKind extends Coded {
  category: 'vital-signs' | 'laboratory';
  units: string;
}

const loinc = (code: string, display: string, category: ObservationKind['category'], units: string): ObservationKind => ({
  ...coded('LOINC', code, display),
  category,
  units,
});

export const OBSERVATIONS = {
  systolic: loinc('8480-6', 'Systolic Blood Pressure', 'vital-signs', 'mm[Hg]'),
  diastolic: loinc('8462-4', 'Diastolic Blood Pressure', 'vital-signs', 'mm[Hg]'),
  bmi: loinc('39156-5', 'Body mass index (BMI) [Ratio]', 'vital-signs', 'kg/m2'),
  hba1c: loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', 'laboratory', '%'),
} as const;

export const FLU_VACCINE = priced(coded('CVX', '140', 'Influenza, seasonal, injectable, preservative free'), 140.52);
