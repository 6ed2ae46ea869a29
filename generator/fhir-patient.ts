// The Patient and Coverage resources of one simulated person. Like Synthea's, a Patient carries
// fake direct identifiers (names, phone, street address, SSN, licence and passport numbers,
// coordinates): the FHIR reader and the de-identification stage must prove they drop them.
import { formatDate, formatTimestamp } from './calendar.ts';
import {
  COUNTY_FIPS_EXTENSION,
  ETHNICITY,
  fhirConcept,
  ombExtension,
  RACE,
  reference,
  SYSTEM,
  US_CORE,
} from './fhir-terms.ts';
import { PAYERS } from './payers.ts';
import type { CoveragePeriod, PersonRecord } from './person-record.ts';

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const MARITAL = 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus';
const MARITAL_DISPLAY: Record<string, string> = { M: 'Married', S: 'Never Married', D: 'Divorced', W: 'Widowed' };
const RELATIONSHIP = 'http://terminology.hl7.org/CodeSystem/subscriber-relationship';
/** CoveragePeriod.ownership is who holds the plan; Coverage.relationship is the beneficiary's relation to them. */
const RELATIONSHIP_OF: Record<CoveragePeriod['ownership'], string> = { Self: 'self', Spouse: 'spouse', Guardian: 'child' };

const typedIdentifier = (code: string, display: string, system: string, value: string) => ({
  type: { ...fhirConcept(V2_0203, code, display), text: display },
  system,
  value,
});

/** A fake phone number in the 555 exchange, a function of the person's id (the record has none). */
function fakePhone(id: string): string {
  const digits = String(Number.parseInt(id.slice(0, 8), 16) % 10_000_000).padStart(7, '0');
  return `555-${digits.slice(0, 3)}-${digits.slice(3)}`;
}

/** 'City, State, Country' as Synthea writes a birthplace. */
function birthPlace(text: string): { city?: string; state?: string; country?: string; text?: string } {
  const parts = text.split(', ');
  return parts.length === 3 ? { city: parts[0], state: parts[1], country: parts[2] } : { text };
}

export function patientResource(p: PersonRecord): object {
  const i = p.identity;
  const given = i.middle ? [i.first, i.middle] : [i.first];
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: { profile: [US_CORE('patient')] },
    extension: [
      ombExtension(US_CORE('race'), RACE[p.race]),
      ombExtension(US_CORE('ethnicity'), ETHNICITY[p.ethnicity]),
      { url: US_CORE('birthsex'), valueCode: p.sex },
      { url: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace', valueAddress: birthPlace(i.birthplace) },
    ],
    identifier: [
      { system: SYSTEM.synthea, value: p.id },
      typedIdentifier('MR', 'Medical Record Number', 'http://hospital.smarthealthit.org', p.id),
      typedIdentifier('SS', 'Social Security Number', 'http://hl7.org/fhir/sid/us-ssn', i.ssn),
      ...(i.drivers ? [typedIdentifier('DL', "Driver's license number", 'urn:oid:2.16.840.1.113883.4.3.25', i.drivers)] : []),
      ...(i.passport ? [typedIdentifier('PPN', 'Passport Number', 'http://standardhealthrecord.org/fhir/StructureDefinition/passportNumber', i.passport)] : []),
    ],
    name: [
      { use: 'official', family: i.last, given, prefix: i.prefix ? [i.prefix] : undefined, suffix: i.suffix ? [i.suffix] : undefined },
      ...(i.maiden ? [{ use: 'maiden', family: i.maiden, given }] : []),
    ],
    telecom: [{ system: 'phone', value: fakePhone(p.id), use: 'home' }],
    gender: p.sex === 'F' ? 'female' : 'male',
    birthDate: formatDate(p.birthDay),
    // A date is a valid dateTime; the CSV, too, records the day of death only.
    deceasedDateTime: p.deathDay === null ? undefined : formatDate(p.deathDay),
    address: [{
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/geolocation',
          extension: [{ url: 'latitude', valueDecimal: i.lat }, { url: 'longitude', valueDecimal: i.lon }],
        },
        { url: COUNTY_FIPS_EXTENSION, valueCode: p.county.fips },
      ],
      line: [i.address],
      city: i.city,
      district: p.county.name,
      state: 'MA',
      postalCode: i.zip,
      country: 'US',
    }],
    maritalStatus: i.marital ? { ...fhirConcept(MARITAL, i.marital, MARITAL_DISPLAY[i.marital]), text: MARITAL_DISPLAY[i.marital] } : undefined,
  };
}

/** One Coverage per insurance period; its id is the period's member id (payer_transitions.csv MEMBERID). */
export function coverageResource(p: PersonRecord, c: CoveragePeriod): object {
  const payer = PAYERS[c.payer];
  return {
    resourceType: 'Coverage',
    id: c.memberId,
    status: 'active',
    subscriberId: c.memberId,
    beneficiary: reference('Patient', p.id),
    relationship: fhirConcept(RELATIONSHIP, RELATIONSHIP_OF[c.ownership]),
    period: { start: formatTimestamp(c.start), end: formatTimestamp(c.end) },
    // Payers are referenced with their payers.csv ids; like Synthea, no Organization resource is
    // written for them, so the extract's organizations are the care providers only.
    payor: [reference('Organization', payer.id, payer.name)],
  };
}
