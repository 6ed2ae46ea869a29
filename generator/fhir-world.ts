// The shared resources written once, after all people: the Organizations and Practitioners that
// saw at least one patient, as organizations.csv and providers.csv hold them. Payers get no
// resource (see fhir-patient.ts).
import type { Clinician, Organization } from './facilities.ts';
import { fhirConcept, SYSTEM, US_CORE } from './fhir-terms.ts';

const address = (o: Organization) => ({ line: [o.address], city: o.city, state: 'MA', postalCode: o.zip, country: 'US' });

export function organizationResource(o: Organization, encounters: number): object {
  return {
    resourceType: 'Organization',
    id: o.id,
    meta: { profile: [US_CORE('organization')] },
    extension: [{ url: 'http://synthetichealth.github.io/synthea/utilization-encounters-extension', valueInteger: encounters }],
    identifier: [{ system: SYSTEM.synthea, value: o.id }],
    active: true,
    type: [{ ...fhirConcept('http://terminology.hl7.org/CodeSystem/organization-type', 'prov', 'Healthcare Provider'), text: 'Healthcare Provider' }],
    name: o.name,
    telecom: [{ system: 'phone', value: o.phone }],
    address: [address(o)],
  };
}

export function practitionerResource(c: Clinician, organization: Organization, encounters: number): object {
  const space = c.name.indexOf(' ');
  return {
    resourceType: 'Practitioner',
    id: c.id,
    meta: { profile: [US_CORE('practitioner')] },
    extension: [{ url: 'http://synthetichealth.github.io/synthea/utilization-encounters-extension', valueInteger: encounters }],
    identifier: [{ system: SYSTEM.synthea, value: c.id }],
    active: true,
    name: [{ family: c.name.slice(space + 1), given: [c.name.slice(0, space)], prefix: ['Dr.'] }],
    address: [address(organization)],
    gender: c.gender === 'F' ? 'female' : 'male',
  };
}
