// Kahn 2016, completeness: how often a value, or a whole kind of record, is absent. Missing
// demographics drop people out of stratified rates; missing coverage drops them from every
// denominator. Thresholds allow for the gaps real extracts have; errors are 0 where the model
// promises a value.
import { countRows } from '../check-sql.ts';
import type { QualityCheck } from '../quality-check.ts';

const completeness = { category: 'completeness', subcategory: null } as const;

export const COMPLETENESS_CHECKS: QualityCheck[] = [
  {
    // People aged 90+ have no birth date by design (HIPAA Safe Harbor top-coding, pipelines/model/person.sql).
    id: 'person-birth-date-missing', ...completeness, severity: 'error', threshold: 0,
    description: 'People without a birth date who are not top-coded as aged 90+ (no age, so no age band or standardization)',
    sql: (t) => countRows(t.person, 'birth_date IS NULL AND NOT coalesce(age_90_plus, false)'),
  },
  {
    id: 'person-sex-race-missing', ...completeness, severity: 'error', threshold: 0,
    description: 'People without a recorded sex or race',
    sql: (t) => countRows(t.person, 'sex IS NULL OR race IS NULL'),
  },
  {
    // ZIP3 '000' (restricted, HHS Safe Harbor) is a value, not a gap.
    id: 'person-zip3-missing', ...completeness, severity: 'warning', threshold: 5,
    description: 'People without a ZIP3',
    sql: (t) => countRows(t.person, 'zip3 IS NULL'),
  },
  {
    id: 'person-county-missing', ...completeness, severity: 'warning', threshold: 5,
    description: 'People without a county (shown as Unknown in county strata)',
    sql: (t) => countRows(t.person, 'county IS NULL'),
  },
  {
    id: 'person-county-fips-missing', ...completeness, severity: 'warning', threshold: 5,
    description: 'People without a county FIPS code (they cannot be placed on the map)',
    sql: (t) => countRows(t.person, 'county_fips IS NULL'),
  },
  {
    // Members with no visit at all are common in a year, rarer over a whole history.
    id: 'person-without-encounters', ...completeness, severity: 'warning', threshold: 10,
    description: 'People with no encounter at all',
    sql: (t) => countRows(t.person, `person_id NOT IN (SELECT person_id FROM ${t.encounter} WHERE person_id IS NOT NULL)`),
  },
  {
    id: 'person-without-coverage', ...completeness, severity: 'warning', threshold: 1,
    description: 'People with no coverage period (they are in no member-month denominator)',
    sql: (t) => countRows(t.person, `person_id NOT IN (SELECT person_id FROM ${t.coverage} WHERE person_id IS NOT NULL)`),
  },
  {
    id: 'encounter-stop-missing', ...completeness, severity: 'warning', threshold: 1,
    description: 'Encounters without a stop time (no length of stay)',
    sql: (t) => countRows(t.encounter, 'stop_ts IS NULL'),
  },
  {
    id: 'encounter-cost-missing', ...completeness, severity: 'warning', threshold: 1,
    description: 'Encounters without a total cost (cost measures count them as 0)',
    sql: (t) => countRows(t.encounter, 'total_cost IS NULL'),
  },
  {
    id: 'encounter-payer-missing', ...completeness, severity: 'warning', threshold: 5,
    description: 'Encounters without a payer',
    sql: (t) => countRows(t.encounter, 'payer_id IS NULL'),
  },
  {
    // A number without a unit cannot be compared with a threshold (an HbA1c in % or mmol/mol).
    id: 'observation-units-missing', ...completeness, severity: 'warning', threshold: 1,
    description: "Numeric observations without units (or with the text 'null')",
    sql: (t) => countRows(`${t.observation} WHERE value_num IS NOT NULL`, `coalesce(trim(units), '') IN ('', 'null')`),
  },
];
