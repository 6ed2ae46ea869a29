// A Synthea CSV extract written by hand from a few people's coverage, visits and diagnoses, for tests
// whose expected values are counted by hand (person-time, attribution). Organizations, payers and an
// empty observations file come from tests/fixtures/synthea-fhir-pair.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PAIR = new URL('../fixtures/synthea-fhir-pair/csv/', import.meta.url);
const ORG = '5a000000-0000-4000-8000-000000000001';

/** The pair's payers: their categories in core.payer. */
export const PAYERS = {
  medicaid: '9a000000-0000-4000-8000-000000000001',
  medicare: '9a000000-0000-4000-8000-000000000002',
  aetna: '9a000000-0000-4000-8000-000000000003',
} as const;

export interface HandBuiltPerson {
  /** 1–9. */
  id: number;
  /** Synthea payer_transitions: [start, end, payer]; the end day is covered too. */
  spans: [start: string, end: string, payer?: string][];
  died?: string;
  /** First diagnosis of type 2 diabetes (SNOMED 44054006), at a visit that day. */
  onset?: string;
  /** Days of other visits (ambulatory). */
  visits?: string[];
  /** Inpatient stays: [admission day, discharge day]. */
  stays?: [admit: string, discharge: string][];
  /** Synthea's race (default white): tells people apart in the mart, whose ids are pseudonyms. */
  race?: string;
}

export const personId = (n: number) => `1f000000-0000-4000-8000-00000000010${n}`;

export function writeHandBuiltExtract(dir: string, people: HandBuiltPerson[]): void {
  mkdirSync(dir, { recursive: true });
  for (const file of ['organizations.csv', 'payers.csv', 'observations.csv']) copyFileSync(new URL(file, PAIR), join(dir, file));
  const patientHeader = 'Id,BIRTHDATE,DEATHDATE,SSN,DRIVERS,PASSPORT,PREFIX,FIRST,MIDDLE,LAST,SUFFIX,MAIDEN,MARITAL,RACE,ETHNICITY,GENDER,BIRTHPLACE,ADDRESS,CITY,STATE,COUNTY,FIPS,ZIP,LAT,LON,HEALTHCARE_EXPENSES,HEALTHCARE_COVERAGE,INCOME';
  const patients = people.map((p) => `${personId(p.id)},1960-03-0${p.id},${p.died ?? ''},999-00-010${p.id},,,,Given${p.id},,Family${p.id},,,,${p.race ?? 'white'},nonhispanic,${p.id % 2 ? 'F' : 'M'},Springfield  Massachusetts  US,1 Example Street,Springfield,Massachusetts,Hampden County,25013,01103,42.1,-72.5,0,0,50000`);
  writeFileSync(join(dir, 'patients.csv'), [patientHeader, ...patients, ''].join('\n'));
  const visits: { person: number; day: string; until?: string; inpatient?: boolean }[] = people.flatMap((p) => [
    ...[...(p.visits ?? []), ...(p.onset ? [p.onset] : [])].map((day) => ({ person: p.id, day })),
    ...(p.stays ?? []).map(([day, until]) => ({ person: p.id, day, until, inpatient: true })),
  ]);
  const encounterId = (i: number) => `2e000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`;
  const encounterHeader = 'Id,START,STOP,PATIENT,ORGANIZATION,PROVIDER,PAYER,ENCOUNTERCLASS,CODE,DESCRIPTION,BASE_ENCOUNTER_COST,TOTAL_CLAIM_COST,PAYER_COVERAGE,REASONCODE,REASONDESCRIPTION';
  const encounters = visits.map(({ person, day, until, inpatient }, i) =>
    `${encounterId(i)},${day}T10:00:00Z,${until ?? day}T${until ? '11:00' : '10:30'}:00Z,${personId(person)},${ORG},,${PAYERS.aetna},${inpatient ? 'inpatient,32485007,Hospital admission (procedure)' : 'ambulatory,185345009,Encounter for symptom (procedure)'},100.00,100.00,100.00,,`);
  writeFileSync(join(dir, 'encounters.csv'), [encounterHeader, ...encounters, ''].join('\n'));
  const transitions = people.flatMap((p) => p.spans.map(([start, end, payer], i) => `${personId(p.id)},7c000000-0000-4000-8000-0000000001${p.id}${i},${start}T00:00:00Z,${end}T00:00:00Z,${payer ?? PAYERS.aetna},,Self,`));
  writeFileSync(join(dir, 'payer_transitions.csv'), ['PATIENT,MEMBERID,START_DATE,END_DATE,PAYER,SECONDARY_PAYER,PLAN_OWNERSHIP,OWNER_NAME', ...transitions, ''].join('\n'));
  const conditions = people.filter((p) => p.onset).map((p) => {
    const encounter = visits.findIndex(({ person, day }) => person === p.id && day === p.onset);
    return `${p.onset},,${personId(p.id)},${encounterId(encounter)},SNOMED-CT,44054006,Diabetes mellitus type 2 (disorder)`;
  });
  writeFileSync(join(dir, 'conditions.csv'), ['START,STOP,PATIENT,ENCOUNTER,SYSTEM,CODE,DESCRIPTION', ...conditions, ''].join('\n'));
}
