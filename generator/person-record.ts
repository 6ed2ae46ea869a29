// The in-memory record of one simulated person: what simulate-person produces and every
// output writer (Synthea CSV today, FHIR NDJSON later) consumes. Times are whole seconds since
// the epoch (UTC) and days are days since 1970-01-01; writers do all formatting.
import type { Coded, ObservationKind, Priced } from './clinical-codes.ts';
import type { County } from './reference-tables.ts';

export type Sex = 'F' | 'M';
export type Race = 'white' | 'black' | 'asian' | 'native' | 'hawaiian' | 'other';
export type Ethnicity = 'hispanic' | 'nonhispanic';
export type EncounterClass = 'wellness' | 'ambulatory' | 'outpatient' | 'emergency' | 'inpatient' | 'urgentcare';

export interface Identity {
  prefix: string;
  first: string;
  middle: string;
  last: string;
  suffix: string;
  maiden: string;
  marital: string;
  ssn: string;
  drivers: string;
  passport: string;
  birthplace: string;
  address: string;
  city: string;
  zip: string;
  lat: number;
  lon: number;
}

export interface CoveragePeriod {
  /** index into PAYERS */
  payer: number;
  start: number;
  end: number;
  memberId: string;
  ownership: 'Guardian' | 'Self' | 'Spouse';
  ownerName: string;
}

export interface EncounterRecord {
  id: string;
  cls: EncounterClass;
  type: Coded;
  start: number;
  stop: number;
  /** indexes into the generator's organization and clinician lists */
  organization: number;
  clinician: number;
  payer: number;
  baseCost: number;
  totalCost: number;
  payerCoverage: number;
  reason: Coded | null;
}

export interface ConditionRecord {
  code: Coded;
  group: string | null;
  startDay: number;
  stopDay: number | null;
  encounter: EncounterRecord;
}

export interface ObservationRecord {
  kind: ObservationKind;
  time: number;
  value: number;
  encounter: EncounterRecord;
}

export interface MedicationRecord {
  med: Priced;
  start: number;
  stop: number | null;
  payer: number;
  encounter: EncounterRecord;
  /** price of one dispense */
  baseCost: number;
  dispenses: number;
  totalCost: number;
  payerCoverage: number;
  reason: Coded | null;
}

export interface ProcedureRecord {
  proc: Priced;
  start: number;
  stop: number;
  encounter: EncounterRecord;
  baseCost: number;
  reason: Coded | null;
}

export interface ImmunizationRecord {
  vaccine: Priced;
  time: number;
  encounter: EncounterRecord;
  baseCost: number;
}

export interface PersonRecord {
  id: string;
  birthDay: number;
  deathDay: number | null;
  sex: Sex;
  race: Race;
  ethnicity: Ethnicity;
  county: County;
  income: number;
  identity: Identity;
  coverage: CoveragePeriod[];
  /** sorted by start */
  encounters: EncounterRecord[];
  conditions: ConditionRecord[];
  observations: ObservationRecord[];
  medications: MedicationRecord[];
  procedures: ProcedureRecord[];
  immunizations: ImmunizationRecord[];
  /** sums over the record, for the patients file */
  healthcareExpenses: number;
  healthcareCoverage: number;
}
