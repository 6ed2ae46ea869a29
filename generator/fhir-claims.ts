// What was billed, in FHIR as Synthea writes it: one institutional Claim per encounter (the
// visit, its procedures and vaccines as items) with one ExplanationOfBenefit, whose 'submitted'
// total is encounters.csv TOTAL_CLAIM_COST and whose payment is PAYER_COVERAGE; one pharmacy
// Claim per prescription, whose total is medications.csv TOTALCOST. Payers are named by
// Claim/EOB.insurer (their payers.csv id); insurance.coverage points to the Coverage in force.
import { formatTimestamp } from './calendar.ts';
import type { Coded } from './clinical-codes.ts';
import type { Facilities } from './facilities.ts';
import { concept, fhirConcept, money, reference } from './fhir-terms.ts';
import { PAYERS } from './payers.ts';
import type { CoveragePeriod, EncounterRecord, MedicationRecord, PersonRecord } from './person-record.ts';

const CLAIM_TYPE = 'http://terminology.hl7.org/CodeSystem/claim-type';
const ADJUDICATION = 'http://terminology.hl7.org/CodeSystem/adjudication';
const PRIORITY = fhirConcept('http://terminology.hl7.org/CodeSystem/processpriority', 'normal');
const INSTITUTIONAL = fhirConcept(CLAIM_TYPE, 'institutional', 'Institutional');
const PHARMACY = fhirConcept(CLAIM_TYPE, 'pharmacy', 'Pharmacy');

/** A billed item besides the visit itself: a procedure or a vaccine at the encounter. */
export interface ClaimLine {
  product: Coded;
  cost: number;
}

/**
 * The Coverage in force at `time` for `payer`, found as coverage.ts's payerAt finds the payer;
 * without one (never, for simulated records) the payer's name alone, as Synthea writes it.
 */
function coverageAt(periods: readonly CoveragePeriod[], time: number, payer: number) {
  const period = periods.find((c) => time < c.end) ?? periods[periods.length - 1];
  const name = PAYERS[payer].name;
  return period?.payer === payer ? reference('Coverage', period.memberId, name) : { display: name };
}

const insurer = (payer: number) => reference('Organization', PAYERS[payer].id, PAYERS[payer].name);

export function encounterClaimResources(
  p: PersonRecord,
  e: EncounterRecord,
  lines: readonly ClaimLine[],
  ids: { claim: string; eob: string },
  facilities: Facilities,
): [claim: object, eob: object] {
  const period = { start: formatTimestamp(e.start), end: formatTimestamp(e.stop) };
  const patient = reference('Patient', p.id);
  const provider = reference('Organization', facilities.organizations[e.organization].id);
  const coverage = coverageAt(p.coverage, e.start, e.payer);
  const items = [{ product: e.type, cost: e.baseCost }, ...lines].map((line, i) => ({
    sequence: i + 1,
    productOrService: concept(line.product),
    encounter: [reference('Encounter', e.id)],
    net: money(line.cost),
  }));
  const common = { status: 'active', type: INSTITUTIONAL, use: 'claim', patient, billablePeriod: period, created: period.end };
  const claim = {
    resourceType: 'Claim',
    id: ids.claim,
    ...common,
    insurer: insurer(e.payer),
    provider,
    priority: PRIORITY,
    insurance: [{ sequence: 1, focal: true, coverage }],
    item: items,
    total: money(e.totalCost),
  };
  const eob = {
    resourceType: 'ExplanationOfBenefit',
    id: ids.eob,
    ...common,
    insurer: insurer(e.payer),
    provider,
    claim: reference('Claim', ids.claim),
    outcome: 'complete',
    insurance: [{ focal: true, coverage }],
    item: items,
    total: [
      { category: { ...fhirConcept(ADJUDICATION, 'submitted', 'Submitted Amount'), text: 'Submitted Amount' }, amount: money(e.totalCost) },
      { category: { ...fhirConcept(ADJUDICATION, 'benefit', 'Benefit Amount'), text: 'Benefit Amount' }, amount: money(e.payerCoverage) },
    ],
    payment: { amount: money(e.payerCoverage) },
  };
  return [claim, eob];
}

export function pharmacyClaimResource(p: PersonRecord, m: MedicationRecord, ids: { claim: string; request: string }, facilities: Facilities): object {
  const start = formatTimestamp(m.start);
  return {
    resourceType: 'Claim',
    id: ids.claim,
    status: 'active',
    type: PHARMACY,
    use: 'claim',
    patient: reference('Patient', p.id),
    billablePeriod: { start, end: m.stop === null ? undefined : formatTimestamp(m.stop) },
    created: start,
    insurer: insurer(m.payer),
    provider: reference('Organization', facilities.organizations[m.encounter.organization].id),
    priority: PRIORITY,
    prescription: reference('MedicationRequest', ids.request),
    insurance: [{ sequence: 1, focal: true, coverage: coverageAt(p.coverage, m.start, m.payer) }],
    item: [{
      sequence: 1,
      productOrService: concept(m.med),
      encounter: [reference('Encounter', m.encounter.id)],
      quantity: { value: m.dispenses },
      unitPrice: money(m.baseCost),
      net: money(m.totalCost),
    }],
    total: money(m.totalCost),
  };
}
