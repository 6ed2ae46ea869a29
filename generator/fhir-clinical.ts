// The clinical resources of one person's record: Encounter, Condition, Observation,
// MedicationRequest, Procedure and Immunization, with the same codes, times and values as the
// CSV rows (times in UTC as the CSV writes them; condition and death dates as days).
// A blood-pressure reading (diastolic and systolic rows at one encounter) becomes one panel.
import { formatDate, formatTimestamp } from './calendar.ts';
import { OBSERVATIONS } from './clinical-codes.ts';
import type { Facilities } from './facilities.ts';
import { concept, ENCOUNTER_CLASS, fhirConcept, reference, SYSTEM, US_CORE, type CodeableConcept } from './fhir-terms.ts';
import type {
  ConditionRecord,
  EncounterRecord,
  ImmunizationRecord,
  MedicationRecord,
  ObservationRecord,
  PersonRecord,
  ProcedureRecord,
} from './person-record.ts';

const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const CONDITION_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const CATEGORY_DISPLAY = { 'vital-signs': 'Vital Signs', laboratory: 'Laboratory' } as const;
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const BP_PANEL = { system: SYSTEM.loinc, code: '85354-9', display: 'Blood pressure panel with all children optional' };

const patientRef = (p: PersonRecord) => reference('Patient', p.id);
const encounterRef = (e: EncounterRecord) => reference('Encounter', e.id);
const reasons = (r: EncounterRecord['reason']) => (r ? [concept(r)] : undefined);

export function encounterResource(p: PersonRecord, e: EncounterRecord, facilities: Facilities): object {
  const organization = facilities.organizations[e.organization];
  const clinician = facilities.clinicians[e.clinician];
  const i = p.identity;
  const period = { start: formatTimestamp(e.start), end: formatTimestamp(e.stop) };
  return {
    resourceType: 'Encounter',
    id: e.id,
    meta: { profile: [US_CORE('encounter')] },
    identifier: [{ use: 'official', system: SYSTEM.synthea, value: e.id }],
    status: 'finished',
    class: ENCOUNTER_CLASS[e.cls],
    type: [concept(e.type)],
    subject: reference('Patient', p.id, `${i.prefix ? i.prefix + ' ' : ''}${i.first} ${i.last}`),
    participant: [{
      type: [{ ...fhirConcept(PARTICIPATION, 'PPRF', 'primary performer'), text: 'primary performer' }],
      period,
      individual: reference('Practitioner', clinician.id, `Dr. ${clinician.name}`),
    }],
    period,
    reasonCode: reasons(e.reason),
    serviceProvider: reference('Organization', organization.id, organization.name),
  };
}

export function conditionResource(p: PersonRecord, c: ConditionRecord, id: string): object {
  const resolved = c.stopDay !== null;
  return {
    resourceType: 'Condition',
    id,
    meta: { profile: [US_CORE('condition-encounter-diagnosis')] },
    clinicalStatus: fhirConcept(CONDITION_CLINICAL, resolved ? 'resolved' : 'active'),
    verificationStatus: fhirConcept(CONDITION_VERIFICATION, 'confirmed'),
    category: [fhirConcept(CONDITION_CATEGORY, 'encounter-diagnosis', 'Encounter Diagnosis')],
    code: concept(c.code),
    subject: patientRef(p),
    encounter: encounterRef(c.encounter),
    // Days, as the CSV has them: the simulation dates a diagnosis, not its hour.
    onsetDateTime: formatDate(c.startDay),
    abatementDateTime: resolved ? formatDate(c.stopDay!) : undefined,
    recordedDate: formatDate(c.startDay),
  };
}

const quantity = (o: ObservationRecord) => ({
  value: Number(o.value.toFixed(1)), // the CSV's one decimal
  unit: o.kind.units,
  system: SYSTEM.ucum,
  code: o.kind.units,
});

const PROFILE: Record<string, string> = {
  [OBSERVATIONS.bmi.code]: US_CORE('bmi'),
  [OBSERVATIONS.hba1c.code]: US_CORE('observation-lab'),
};

function observationBase(p: PersonRecord, o: ObservationRecord, id: string, code: CodeableConcept, profile: string) {
  const time = formatTimestamp(o.time);
  return {
    resourceType: 'Observation',
    id,
    meta: { profile: [profile] },
    status: 'final',
    category: [fhirConcept(OBSERVATION_CATEGORY, o.kind.category, CATEGORY_DISPLAY[o.kind.category])],
    code,
    subject: patientRef(p),
    encounter: encounterRef(o.encounter),
    effectiveDateTime: time,
    issued: time,
  };
}

export function observationResource(p: PersonRecord, o: ObservationRecord, id: string): object {
  const profile = PROFILE[o.kind.code] ?? US_CORE('vital-signs');
  return { ...observationBase(p, o, id, concept(o.kind), profile), valueQuantity: quantity(o) };
}

/** The two readings of one blood-pressure measurement, systolic first, or null when `a`, `b` are not such a pair. */
export function bloodPressurePair(a: ObservationRecord, b: ObservationRecord | undefined): [ObservationRecord, ObservationRecord] | null {
  if (!b || a.encounter !== b.encounter || a.time !== b.time) return null;
  if (a.kind === OBSERVATIONS.systolic && b.kind === OBSERVATIONS.diastolic) return [a, b];
  if (a.kind === OBSERVATIONS.diastolic && b.kind === OBSERVATIONS.systolic) return [b, a];
  return null;
}

export function bloodPressureResource(p: PersonRecord, [systolic, diastolic]: [ObservationRecord, ObservationRecord], id: string): object {
  return {
    ...observationBase(p, systolic, id, { coding: [BP_PANEL], text: BP_PANEL.display }, US_CORE('blood-pressure')),
    component: [systolic, diastolic].map((o) => ({ code: concept(o.kind), valueQuantity: quantity(o) })),
  };
}

export function medicationRequestResource(p: PersonRecord, m: MedicationRecord, id: string, facilities: Facilities): object {
  return {
    resourceType: 'MedicationRequest',
    id,
    meta: { profile: [US_CORE('medicationrequest')] },
    status: m.stop === null ? 'active' : 'stopped',
    intent: 'order',
    category: [fhirConcept('http://terminology.hl7.org/CodeSystem/medicationrequest-category', 'community', 'Community')],
    medicationCodeableConcept: concept(m.med),
    subject: patientRef(p),
    encounter: encounterRef(m.encounter),
    authoredOn: formatTimestamp(m.start),
    requester: reference('Practitioner', facilities.clinicians[m.encounter.clinician].id),
    reasonCode: reasons(m.reason),
    dispenseRequest: {
      validityPeriod: { start: formatTimestamp(m.start), end: m.stop === null ? undefined : formatTimestamp(m.stop) },
      // The first fill plus the repeats: medications.csv DISPENSES.
      numberOfRepeatsAllowed: m.dispenses - 1,
      expectedSupplyDuration: { value: 30, unit: 'days', system: SYSTEM.ucum, code: 'd' },
    },
  };
}

export function procedureResource(p: PersonRecord, x: ProcedureRecord, id: string): object {
  return {
    resourceType: 'Procedure',
    id,
    meta: { profile: [US_CORE('procedure')] },
    status: 'completed',
    code: concept(x.proc),
    subject: patientRef(p),
    encounter: encounterRef(x.encounter),
    performedPeriod: { start: formatTimestamp(x.start), end: formatTimestamp(x.stop) },
    reasonCode: reasons(x.reason),
  };
}

export function immunizationResource(p: PersonRecord, x: ImmunizationRecord, id: string): object {
  return {
    resourceType: 'Immunization',
    id,
    meta: { profile: [US_CORE('immunization')] },
    status: 'completed',
    vaccineCode: concept(x.vaccine),
    patient: patientRef(p),
    encounter: encounterRef(x.encounter),
    occurrenceDateTime: formatTimestamp(x.time),
    primarySource: true,
  };
}
