// Kahn 2016, conformance / relational: references between tables resolve (foreign keys). An orphan
// record is counted by no denominator, so a measure silently loses it. Validation quarantines the
// orphans it can see in the source; these checks hold the published tables to the same rule.
import { clinicalEvents, countRows } from '../check-sql.ts';
import type { QualityCheck } from '../quality-check.ts';

const relational = { category: 'conformance', subcategory: 'relational', severity: 'error', threshold: 0 } as const;

export const RELATIONAL_CONFORMANCE_CHECKS: QualityCheck[] = [
  {
    id: 'encounter-person-exists', ...relational,
    description: 'Encounters whose person is not in core.person',
    sql: (t) => countRows(t.encounter, `person_id IS NULL OR person_id NOT IN (SELECT person_id FROM ${t.person})`),
  },
  {
    id: 'clinical-record-person-exists', ...relational,
    description: 'Conditions, observations, medications, procedures and immunizations whose person is not in core.person',
    sql: (t) => countRows(`(${clinicalEvents(t)})`, `person_id IS NULL OR person_id NOT IN (SELECT person_id FROM ${t.person})`),
  },
  {
    id: 'clinical-record-encounter-exists', ...relational,
    description: 'Clinical records that name an encounter which is not in core.encounter',
    sql: (t) => countRows(`(${clinicalEvents(t)})`, `encounter_id IS NOT NULL AND encounter_id NOT IN (SELECT encounter_id FROM ${t.encounter})`),
  },
  {
    // A record attached to someone else's encounter means one of the two person ids is wrong.
    id: 'clinical-record-encounter-person', ...relational,
    description: "Clinical records whose person differs from the person of their encounter",
    sql: (t) => countRows(
      `(${clinicalEvents(t)}) r LEFT JOIN ${t.encounter} e USING (encounter_id)`,
      'e.person_id IS NOT NULL AND e.person_id <> r.person_id',
    ),
  },
  {
    id: 'encounter-payer-exists', ...relational,
    description: 'Encounters that name a payer which is not in core.payer',
    sql: (t) => countRows(t.encounter, `payer_id IS NOT NULL AND payer_id NOT IN (SELECT payer_id FROM ${t.payer})`),
  },
  {
    id: 'encounter-organization-exists', ...relational, severity: 'warning',
    description: 'Encounters that name an organization which is not in core.organization',
    sql: (t) => countRows(t.encounter, `organization_id IS NOT NULL AND organization_id NOT IN (SELECT organization_id FROM ${t.organization})`),
  },
  {
    id: 'coverage-person-exists', ...relational,
    description: 'Coverage periods whose person is not in core.person',
    sql: (t) => countRows(t.coverage, `person_id IS NULL OR person_id NOT IN (SELECT person_id FROM ${t.person})`),
  },
  {
    // The mart falls back to payer category 'Other' for these, which misstates the payer mix.
    id: 'coverage-payer-exists', ...relational,
    description: 'Coverage periods whose payer is not in core.payer',
    sql: (t) => countRows(t.coverage, `payer_id IS NULL OR payer_id NOT IN (SELECT payer_id FROM ${t.payer})`),
  },
  {
    id: 'person-period-person-exists', ...relational,
    description: 'Person-period rows (mart.person_period) whose person is not in core.person',
    sql: (t) => countRows(t.personPeriod, `person_id IS NULL OR person_id NOT IN (SELECT person_id FROM ${t.person})`),
  },
];
