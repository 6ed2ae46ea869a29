// The FHIR R4 vocabulary of the generator's FHIR output: code system URIs for the generator's
// codes, US Core profiles, the OMB race and ethnicity categories, and Synthea's mapping of its
// encounter classes to v3 ActCode. Small builders for the elements every resource repeats.
import type { Coded } from './clinical-codes.ts';
import type { EncounterClass, Ethnicity, Race } from './person-record.ts';

export const SYSTEM = {
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  ucum: 'http://unitsofmeasure.org',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  omb: 'urn:oid:2.16.840.1.113883.6.238',
  /** Synthea's identifier system for its own ids; the generator's ids are Synthea-style too. */
  synthea: 'https://github.com/synthetichealth/synthea',
} as const;

/** The generator's code system names (clinical-codes.ts, condition-catalog.ts) as FHIR URIs. */
const SYSTEM_OF: Record<string, string> = {
  'SNOMED-CT': SYSTEM.snomed,
  LOINC: SYSTEM.loinc,
  RxNorm: SYSTEM.rxnorm,
  CVX: SYSTEM.cvx,
};

export const US_CORE = (name: string): string => `http://hl7.org/fhir/us/core/StructureDefinition/us-core-${name}`;

/**
 * County FIPS code of an address. FHIR and US Core have no element for it (Address.district holds
 * the county's name), so this is Popsight's own extension; the FHIR reader finds it by 'fips'.
 */
export const COUNTY_FIPS_EXTENSION = 'https://popsight.org/fhir/StructureDefinition/county-fips';

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding: Coding[];
  text?: string;
}

export function coding(c: Coded): Coding {
  const system = SYSTEM_OF[c.system];
  if (!system) throw new Error(`no FHIR system for code system ${c.system}`);
  return { system, code: c.code, display: c.display };
}

export const concept = (c: Coded): CodeableConcept => ({ coding: [coding(c)], text: c.display });

/** A concept from a FHIR-defined code system (statuses, categories, types). */
export const fhirConcept = (system: string, code: string, display?: string): CodeableConcept => ({
  coding: [display === undefined ? { system, code } : { system, code, display }],
});

export const reference = (type: string, id: string, display?: string): { reference: string; display?: string } =>
  display === undefined ? { reference: `${type}/${id}` } : { reference: `${type}/${id}`, display };

/** Money with cents as the CSV writes them (toFixed(2)), so both formats carry the same amounts. */
export const money = (x: number): { value: number; currency: 'USD' } => ({ value: Number(x.toFixed(2)), currency: 'USD' });

/**
 * Synthea's FHIR exporter (HealthRecord.EncounterType) writes wellness, ambulatory, outpatient and
 * urgent-care visits as AMB; the encounter type code tells most of them apart again.
 */
export const ENCOUNTER_CLASS: Record<EncounterClass, Coding> = {
  wellness: { system: SYSTEM.actCode, code: 'AMB', display: 'ambulatory' },
  ambulatory: { system: SYSTEM.actCode, code: 'AMB', display: 'ambulatory' },
  outpatient: { system: SYSTEM.actCode, code: 'AMB', display: 'ambulatory' },
  urgentcare: { system: SYSTEM.actCode, code: 'AMB', display: 'ambulatory' },
  emergency: { system: SYSTEM.actCode, code: 'EMER', display: 'emergency' },
  inpatient: { system: SYSTEM.actCode, code: 'IMP', display: 'inpatient encounter' },
};

/**
 * OMB categories (CDC Race & Ethnicity code set). 'other' is no OMB category: it goes in as the
 * CDC's detailed code "Other Race" with no ombCategory, which US Core allows.
 */
export const RACE: Record<Race, Coding> = {
  white: { system: SYSTEM.omb, code: '2106-3', display: 'White' },
  black: { system: SYSTEM.omb, code: '2054-5', display: 'Black or African American' },
  asian: { system: SYSTEM.omb, code: '2028-9', display: 'Asian' },
  native: { system: SYSTEM.omb, code: '1002-5', display: 'American Indian or Alaska Native' },
  hawaiian: { system: SYSTEM.omb, code: '2076-8', display: 'Native Hawaiian or Other Pacific Islander' },
  other: { system: SYSTEM.omb, code: '2131-1', display: 'Other Race' },
};

export const ETHNICITY: Record<Ethnicity, Coding> = {
  hispanic: { system: SYSTEM.omb, code: '2135-2', display: 'Hispanic or Latino' },
  nonhispanic: { system: SYSTEM.omb, code: '2186-5', display: 'Not Hispanic or Latino' },
};

/** A US Core race or ethnicity extension: the OMB category (or a detailed code) and its text. */
export const ombExtension = (url: string, category: Coding) => ({
  url,
  extension: [
    { url: category.code === RACE.other.code ? 'detailed' : 'ombCategory', valueCoding: category },
    { url: 'text', valueString: category.display },
  ],
});
