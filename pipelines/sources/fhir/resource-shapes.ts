// What Popsight reads from each FHIR resource type: DuckDB `from_json` structures, parsed once per
// resource into `fhir.<table>.r`. Elements not listed are never read, so names, telecom, address
// lines and cities of people, identifiers (SSN, licence, passport, MRN), narratives (`text.div`) and
// reference `display`s (which carry a patient's or clinician's name) never reach staging. The one
// reference `display` read is a payer's (Coverage.payor, insurer, insurance.coverage, and the payor of a
// Coverage contained in an ExplanationOfBenefit).
// Leaves are VARCHAR: numbers and booleans arrive as their JSON text and the row rules judge them.

const text = 'VARCHAR';
const coding = { system: text, code: text, display: text };
const concept = { coding: [coding], text };
const reference = { reference: text };
/** Only for payers: the display of a payer reference is the payer's name, nothing personal. */
const payerReference = { reference: text, display: text };
const period = { start: text, end: text };
/** A billed line of a Claim or ExplanationOfBenefit: what it bills, for which encounter, at what price. */
const claimItem = { productOrService: concept, encounter: [reference], net: { value: text }, servicedPeriod: period, servicedDate: text };
const value = {
  valueQuantity: { value: text, unit: text, code: text },
  valueCodeableConcept: concept,
  valueString: text,
  valueBoolean: text,
  valueInteger: text,
  valueDateTime: text,
};

export interface ResourceShape {
  /** FHIR resource type. */
  type: string;
  /** Table `fhir.<table>` holding `_file`, `_line`, `full_url`, `r`. */
  table: string;
  structure: Record<string, unknown>;
}

const shape = (type: string, table: string, fields: Record<string, unknown>): ResourceShape => ({
  type, table, structure: { resourceType: text, id: text, ...fields },
});

export const RESOURCE_SHAPES: ResourceShape[] = [
  shape('Patient', 'patient', {
    gender: text, birthDate: text, deceasedDateTime: text,
    // US Core race and ethnicity: only the OMB category codes are used.
    extension: [{ url: text, extension: [{ url: text, valueCoding: coding }] }],
    // Of the address, only what a ZIP3 and a county need: no line, no city, no geolocation.
    address: [{ use: text, state: text, postalCode: text, district: text, period, extension: [{ url: text, valueString: text, valueCode: text }] }],
  }),
  shape('Organization', 'organization', {
    name: text,
    identifier: [{ system: text, value: text }],
    address: [{ city: text, state: text, postalCode: text }],
  }),
  shape('Encounter', 'encounter', {
    class: { system: text, code: text }, type: [concept], subject: reference, period,
    serviceProvider: reference, reasonCode: [concept],
  }),
  shape('Condition', 'condition', {
    subject: reference, encounter: reference, code: concept,
    onsetDateTime: text, onsetPeriod: period, recordedDate: text, abatementDateTime: text, abatementPeriod: period,
  }),
  shape('Observation', 'observation', {
    subject: reference, encounter: reference, category: [concept], code: concept,
    effectiveDateTime: text, effectivePeriod: period, effectiveInstant: text, issued: text,
    ...value,
    component: [{ code: concept, ...value }],
  }),
  shape('MedicationRequest', 'medication_request', {
    subject: reference, encounter: reference, authoredOn: text,
    medicationCodeableConcept: concept, medicationReference: reference,
    dispenseRequest: { validityPeriod: period, numberOfRepeatsAllowed: text },
  }),
  shape('Medication', 'medication', { code: concept }),
  shape('Procedure', 'procedure', {
    subject: reference, encounter: reference, code: concept, performedDateTime: text, performedPeriod: period,
  }),
  shape('Immunization', 'immunization', {
    patient: reference, encounter: reference, vaccineCode: concept, occurrenceDateTime: text, occurrenceString: text,
  }),
  shape('Coverage', 'coverage', { beneficiary: reference, payor: [payerReference], period }),
  // `patient` is read for its reference only: its display is the patient's name.
  shape('Claim', 'claim', {
    type: concept, patient: reference, billablePeriod: period, prescription: reference, item: [claimItem],
    insurer: payerReference, insurance: [{ coverage: payerReference }], total: { value: text },
  }),
  // Synthea contains the Coverage an EOB was paid under (`#coverage`): of it only its id and payor. (Not its
  // `type`: other contained resources, an Organization, have a `type` array, which would stop an NDJSON read.)
  shape('ExplanationOfBenefit', 'eob', {
    type: concept, patient: reference, billablePeriod: period, claim: reference, item: [claimItem],
    contained: [{ resourceType: text, id: text, payor: [payerReference] }],
    insurer: payerReference, insurance: [{ coverage: payerReference }],
    total: [{ category: concept, amount: { value: text } }], payment: { amount: { value: text } },
  }),
];

/** The structure as the SQL literal `from_json` takes (it must be a constant, so it cannot be bound). */
export const structureLiteral = (s: ResourceShape): string => `'${JSON.stringify(s.structure).replaceAll("'", "''")}'`;

/** The structure as a DuckDB type, `STRUCT("resourceType" VARCHAR, ...)`, for `read_json(columns = ...)`. */
export const structureType = (s: ResourceShape): string => duckdbType(s.structure);

function duckdbType(structure: unknown): string {
  if (typeof structure === 'string') return structure;
  if (Array.isArray(structure)) return `${duckdbType(structure[0])}[]`;
  const fields = Object.entries(structure as Record<string, unknown>).map(([name, type]) => `"${name}" ${duckdbType(type)}`);
  return `STRUCT(${fields.join(', ')})`;
}
