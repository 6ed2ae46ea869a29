// The OMOP CDM 5.4 tables and columns the OMOP reader takes (names per the CDM specification,
// https://ohdsi.github.io/CommonDataModel/cdm54.html). Columns that identify a person or place
// (person_source_value, visit_source_value as an id, addresses, coordinates, provider names) are
// never listed here, except visit_source_value, which is read only to recognise a Synthea class.

export interface OmopColumn {
  /** Lower-case CDM column name; headers are matched case-insensitively. */
  name: string;
  required: boolean;
}

export interface OmopTable {
  /** CDM table name, lower case; the file is `<NAME>.csv` in any letter case. */
  name: string;
  required: boolean;
  /** A required table must also have at least one row. */
  needsRows?: string;
  columns: OmopColumn[];
}

const req = (...names: string[]): OmopColumn[] => names.map((name) => ({ name, required: true }));
const opt = (...names: string[]): OmopColumn[] => names.map((name) => ({ name, required: false }));

export const OMOP_TABLES: OmopTable[] = [
  {
    name: 'person',
    required: true,
    needsRows: 'one row per person',
    columns: [
      ...req('person_id', 'gender_concept_id', 'year_of_birth', 'race_concept_id', 'ethnicity_concept_id'),
      ...opt('month_of_birth', 'day_of_birth', 'birth_datetime', 'location_id', 'gender_source_value', 'race_source_value', 'ethnicity_source_value'),
    ],
  },
  // Every person should have an observation period (CDM conventions); it is the coverage when
  // PAYER_PLAN_PERIOD is empty, so the file is required even when its rows may go unused.
  { name: 'observation_period', required: true, columns: req('person_id', 'observation_period_start_date', 'observation_period_end_date') },
  {
    name: 'payer_plan_period',
    required: false,
    columns: [
      ...req('person_id', 'payer_plan_period_start_date', 'payer_plan_period_end_date'),
      ...opt('payer_concept_id', 'payer_source_value', 'plan_source_value'),
    ],
  },
  { name: 'death', required: false, columns: [...req('person_id', 'death_date'), ...opt('death_datetime')] },
  // Only the coarse geography; address_1/2, latitude and longitude are never read.
  { name: 'location', required: false, columns: [...req('location_id'), ...opt('city', 'state', 'zip', 'county')] },
  { name: 'care_site', required: false, columns: [...req('care_site_id'), ...opt('care_site_name', 'location_id')] },
  {
    name: 'visit_occurrence',
    required: true,
    columns: [
      ...req('visit_occurrence_id', 'person_id', 'visit_concept_id', 'visit_start_date', 'visit_end_date'),
      ...opt('visit_start_datetime', 'visit_end_datetime', 'care_site_id', 'visit_source_value'),
    ],
  },
  {
    name: 'condition_occurrence',
    required: true,
    columns: [
      ...req('person_id', 'condition_concept_id', 'condition_start_date'),
      ...opt('condition_start_datetime', 'condition_end_date', 'condition_end_datetime', 'visit_occurrence_id', 'condition_source_value', 'condition_source_concept_id'),
    ],
  },
  {
    name: 'drug_exposure',
    required: false,
    columns: [
      ...req('person_id', 'drug_concept_id', 'drug_exposure_start_date'),
      ...opt('drug_exposure_id', 'drug_exposure_start_datetime', 'drug_exposure_end_date', 'drug_exposure_end_datetime', 'visit_occurrence_id', 'drug_source_value', 'drug_source_concept_id'),
    ],
  },
  {
    name: 'procedure_occurrence',
    required: false,
    columns: [
      ...req('person_id', 'procedure_concept_id', 'procedure_date'),
      ...opt('procedure_occurrence_id', 'procedure_datetime', 'procedure_end_date', 'procedure_end_datetime', 'visit_occurrence_id', 'procedure_source_value', 'procedure_source_concept_id'),
    ],
  },
  {
    name: 'measurement',
    required: false,
    columns: [
      ...req('person_id', 'measurement_concept_id', 'measurement_date'),
      ...opt('measurement_datetime', 'value_as_number', 'value_as_concept_id', 'unit_concept_id', 'unit_source_value', 'value_source_value', 'visit_occurrence_id', 'measurement_source_value', 'measurement_source_concept_id'),
    ],
  },
  {
    name: 'observation',
    required: false,
    columns: [
      ...req('person_id', 'observation_concept_id', 'observation_date'),
      ...opt('observation_datetime', 'value_as_number', 'value_as_string', 'value_as_concept_id', 'unit_concept_id', 'unit_source_value', 'value_source_value', 'visit_occurrence_id', 'observation_source_value', 'observation_source_concept_id'),
    ],
  },
  {
    name: 'cost',
    required: false,
    columns: [...req('cost_event_id', 'cost_domain_id'), ...opt('total_charge', 'total_cost', 'total_paid', 'paid_by_payer')],
  },
  // The vocabulary: Athena ships it tab-delimited, so this one file may use tabs.
  { name: 'concept', required: false, columns: req('concept_id', 'concept_name', 'vocabulary_id', 'concept_code') },
  { name: 'cdm_source', required: false, columns: opt('cdm_version') },
];

export const requiredFileNames = (): string =>
  OMOP_TABLES.filter((t) => t.required).map((t) => `${t.name.toUpperCase()}.csv`).join(', ');
