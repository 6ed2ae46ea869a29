// Writes PersonRecords as FHIR R4 Bulk Data NDJSON (`<Type>.000.ndjson`, one resource per line),
// the same population the Synthea CSV writer writes from the same records: resource ids are the
// CSV ids where the CSV has one, and dates, codes, values, costs and coverage periods are the
// same. Serialization only: never simulates, never draws a random number.
import { join } from 'node:path';
import type { Facilities } from './facilities.ts';
import {
  bloodPressurePair,
  bloodPressureResource,
  conditionResource,
  encounterResource,
  immunizationResource,
  medicationRequestResource,
  observationResource,
  procedureResource,
} from './fhir-clinical.ts';
import { encounterClaimResources, pharmacyClaimResource, type ClaimLine } from './fhir-claims.ts';
import { DerivedIds } from './fhir-ids.ts';
import { coverageResource, patientResource } from './fhir-patient.ts';
import { organizationResource, practitionerResource } from './fhir-world.ts';
import { LineSink } from './line-sink.ts';
import type { OutputStats } from './output-stats.ts';
import type { EncounterRecord, PersonRecord } from './person-record.ts';

export const FHIR_RESOURCE_TYPES = [
  'Patient',
  'Coverage',
  'Encounter',
  'Condition',
  'Observation',
  'MedicationRequest',
  'Procedure',
  'Immunization',
  'Claim',
  'ExplanationOfBenefit',
  'Organization',
  'Practitioner',
] as const;

export type FhirResourceType = (typeof FHIR_RESOURCE_TYPES)[number];

/** The Bulk Data file name of a resource type (a single part, numbered as Bulk Data servers do). */
export const ndjsonFileName = (type: FhirResourceType): string => `${type}.000.ndjson`;

export class FhirNdjsonWriter {
  private readonly sinks: Record<FhirResourceType, LineSink>;

  constructor(outDir: string) {
    this.sinks = Object.fromEntries(
      FHIR_RESOURCE_TYPES.map((t) => [t, new LineSink(join(outDir, ndjsonFileName(t)))]),
    ) as Record<FhirResourceType, LineSink>;
  }

  get needsDrain(): boolean {
    return FHIR_RESOURCE_TYPES.some((t) => this.sinks[t].needsDrain);
  }

  async drain(): Promise<void> {
    for (const t of FHIR_RESOURCE_TYPES) await this.sinks[t].drain();
  }

  /** Closes every file; returns resources written per file name. */
  async close(): Promise<Record<string, number>> {
    await Promise.all(FHIR_RESOURCE_TYPES.map((t) => this.sinks[t].close()));
    return Object.fromEntries(FHIR_RESOURCE_TYPES.map((t) => [ndjsonFileName(t), this.sinks[t].lines]));
  }

  private put(type: FhirResourceType, resource: object): void {
    this.sinks[type].line(JSON.stringify(resource));
  }

  writePerson(p: PersonRecord, facilities: Facilities): void {
    const ids = new DerivedIds(p.id);
    this.put('Patient', patientResource(p));
    for (const c of p.coverage) this.put('Coverage', coverageResource(p, c));
    for (const e of p.encounters) this.put('Encounter', encounterResource(p, e, facilities));
    p.conditions.forEach((c, i) => this.put('Condition', conditionResource(p, c, ids.id('condition', i))));
    for (let i = 0; i < p.observations.length; i++) {
      const id = ids.id('observation', i);
      const pair = bloodPressurePair(p.observations[i], p.observations[i + 1]);
      if (pair) i++; // the panel holds both readings
      this.put('Observation', pair ? bloodPressureResource(p, pair, id) : observationResource(p, p.observations[i], id));
    }
    p.medications.forEach((m, i) => {
      const request = ids.id('medicationRequest', i);
      this.put('MedicationRequest', medicationRequestResource(p, m, request, facilities));
      this.put('Claim', pharmacyClaimResource(p, m, { claim: ids.id('pharmacyClaim', i), request }, facilities));
    });
    const billed = new Map<EncounterRecord, ClaimLine[]>();
    const bill = (e: EncounterRecord, line: ClaimLine) => {
      const lines = billed.get(e);
      if (lines) lines.push(line);
      else billed.set(e, [line]);
    };
    p.procedures.forEach((x, i) => {
      this.put('Procedure', procedureResource(p, x, ids.id('procedure', i)));
      bill(x.encounter, { product: x.proc, cost: x.baseCost });
    });
    p.immunizations.forEach((x, i) => {
      this.put('Immunization', immunizationResource(p, x, ids.id('immunization', i)));
      bill(x.encounter, { product: x.vaccine, cost: x.baseCost });
    });
    p.encounters.forEach((e, i) => {
      const claimIds = { claim: ids.id('encounterClaim', i), eob: ids.id('explanationOfBenefit', i) };
      const [claim, eob] = encounterClaimResources(p, e, billed.get(e) ?? [], claimIds, facilities);
      this.put('Claim', claim);
      this.put('ExplanationOfBenefit', eob);
    });
  }

  /** After the last person: the organizations and clinicians that saw anyone, as the CSV's world tables. */
  writeWorld(facilities: Facilities, stats: OutputStats): void {
    facilities.organizations.forEach((o, i) => {
      if (stats.orgEncounters[i] > 0) this.put('Organization', organizationResource(o, stats.orgEncounters[i]));
    });
    facilities.clinicians.forEach((c, i) => {
      if (stats.orgEncounters[c.organization] > 0) {
        this.put('Practitioner', practitionerResource(c, facilities.organizations[c.organization], stats.clinicianEncounters[i]));
      }
    });
  }
}
