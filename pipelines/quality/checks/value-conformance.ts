// Kahn 2016, conformance / value: recorded values follow the allowed values and formats of the data
// model (docs/architecture.md). The model maps most source values already; these checks catch a
// mapping that let something through, and sources other than Synthea that skip those mappings.
import { countRows } from '../check-sql.ts';
import type { QualityCheck, Tables } from '../quality-check.ts';

const value = { category: 'conformance', subcategory: 'value' } as const;
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

const RACES = ['white', 'black', 'asian', 'native', 'hawaiian', 'other'];
const PAYER_CATEGORIES = ['Medicare', 'Medicaid', 'Dual Eligible', 'Commercial', 'Uninsured', 'Other'];
// The classes validation accepts (pipelines/validate/row-rules.ts); the mart counts ED and inpatient by them.
const ENCOUNTER_CLASSES = ['wellness', 'ambulatory', 'outpatient', 'emergency', 'inpatient', 'urgentcare', 'home', 'hospice', 'snf', 'virtual'];
// Condition value sets (data/reference/condition-groups.csv) are SNOMED CT; ICD-10 is the other system sources use.
const CONDITION_SYSTEMS = ['SNOMED', 'ICD-10', 'ICD-10-CM', 'ICD-9-CM'];
const PROCEDURE_SYSTEMS = ['SNOMED', 'ICD-10-PCS', 'CPT', 'HCPCS', 'ICD-9-CM'];

/** The DOUBLE columns of the core tables; one NaN or infinity among them makes every sum over it non-finite. */
const NUMERIC_COLUMNS = (t: Tables): [table: string, columns: string[]][] => [
  [t.encounter, ['base_cost', 'total_cost', 'payer_coverage']],
  [t.observation, ['value_num']],
  [t.medication, ['total_cost']],
  [t.procedure, ['base_cost']],
  [t.immunization, ['base_cost']],
];

export const VALUE_CONFORMANCE_CHECKS: QualityCheck[] = [
  {
    id: 'person-sex-value', ...value, severity: 'error', threshold: 0,
    description: "People whose recorded sex is not 'F' or 'M'",
    sql: (t) => countRows(t.person, `sex IS NOT NULL AND sex NOT IN ('F', 'M')`),
  },
  {
    id: 'person-race-value', ...value, severity: 'error', threshold: 0,
    description: `People whose recorded race is not one of ${RACES.join(', ')}`,
    sql: (t) => countRows(t.person, `race IS NOT NULL AND race NOT IN (${list(RACES)})`),
  },
  {
    id: 'person-ethnicity-value', ...value, severity: 'error', threshold: 0,
    description: "People whose recorded ethnicity is not 'hispanic' or 'nonhispanic'",
    sql: (t) => countRows(t.person, `ethnicity IS NOT NULL AND ethnicity NOT IN ('hispanic', 'nonhispanic')`),
  },
  {
    id: 'person-zip3-format', ...value, severity: 'error', threshold: 0,
    description: 'People whose ZIP3 is not three digits',
    sql: (t) => countRows(t.person, `zip3 IS NOT NULL AND NOT regexp_full_match(zip3, '\\d{3}')`),
  },
  {
    id: 'person-county-fips-format', ...value, severity: 'error', threshold: 0,
    description: 'People whose county FIPS code is not five digits',
    sql: (t) => countRows(t.person, `county_fips IS NOT NULL AND NOT regexp_full_match(county_fips, '\\d{5}')`),
  },
  {
    id: 'payer-category-value', ...value, severity: 'error', threshold: 0,
    description: `Payers whose category is not one of ${PAYER_CATEGORIES.join(', ')}`,
    sql: (t) => countRows(t.payer, `category IS NULL OR category NOT IN (${list(PAYER_CATEGORIES)})`),
  },
  {
    id: 'encounter-class-value', ...value, severity: 'error', threshold: 0,
    description: 'Encounters with an encounter class outside the known classes (ED and inpatient counts depend on it)',
    sql: (t) => countRows(t.encounter, `encounter_class IS NULL OR encounter_class NOT IN (${list(ENCOUNTER_CLASSES)})`),
  },
  {
    id: 'condition-code-system', ...value, severity: 'warning', threshold: 0,
    description: `Conditions coded in an unknown code system (not ${CONDITION_SYSTEMS.join(', ')}): no value set can match them`,
    sql: (t) => countRows(t.condition, `system IS NULL OR system NOT IN (${list(CONDITION_SYSTEMS)})`),
  },
  {
    id: 'procedure-code-system', ...value, severity: 'warning', threshold: 0,
    description: `Procedures coded in an unknown code system (not ${PROCEDURE_SYSTEMS.join(', ')})`,
    sql: (t) => countRows(t.procedure, `system IS NULL OR system NOT IN (${list(PROCEDURE_SYSTEMS)})`),
  },
  {
    // Synthea adds its own QALY, DALY and QOLS summary codes (about 8% of rows), hence the threshold.
    id: 'observation-loinc-format', ...value, severity: 'warning', threshold: 10,
    description: 'Observations whose code is not shaped like a LOINC code (digits, hyphen, check digit)',
    sql: (t) => countRows(t.observation, `code IS NULL OR NOT regexp_full_match(code, '\\d{1,7}-\\d')`),
  },
  {
    id: 'medication-rxnorm-format', ...value, severity: 'warning', threshold: 0,
    description: 'Medications whose code is not an RxNorm concept id (digits)',
    sql: (t) => countRows(t.medication, `code IS NULL OR NOT regexp_full_match(code, '\\d{1,9}')`),
  },
  {
    id: 'immunization-cvx-format', ...value, severity: 'warning', threshold: 0,
    description: 'Immunizations whose code is not a CVX code (one to three digits)',
    sql: (t) => countRows(t.immunization, `code IS NULL OR NOT regexp_full_match(code, '\\d{1,3}')`),
  },
  {
    // Validation quarantines non-finite numbers (pipelines/validate/row-rules.ts); this catches any that a
    // reader or the model lets through, since the cost measures cannot answer over them.
    id: 'numeric-values-finite', ...value, severity: 'error', threshold: 0,
    description: 'Rows with a number that is NaN or infinite (costs, observation values)',
    sql: (t) => `SELECT sum(rows_checked)::BIGINT AS rows_checked, sum(rows_failed)::BIGINT AS rows_failed FROM (${NUMERIC_COLUMNS(t)
      .map(([table, columns]) => countRows(table, columns.map((c) => `NOT isfinite(coalesce(${c}, 0))`).join(' OR ')))
      .join(' UNION ALL ')})`,
  },
];
