// The allow-lists a cohort definition is checked against: condition groups (with their SNOMED CT
// codes, from data/reference/condition-groups.csv) and the categorical values of core.* columns.
// Read once at start-up; nothing here touches the warehouse.
import { conditionCodes } from '../reference/reference-data.ts';

/** Condition group → its SNOMED CT codes, in file order. */
export const CONDITION_VALUE_SETS: ReadonlyMap<string, readonly string[]> = (() => {
  const sets = new Map<string, string[]>();
  for (const { group, code } of conditionCodes()) sets.set(group, [...(sets.get(group) ?? []), code]);
  return sets;
})();

export const CONDITION_GROUPS = [...CONDITION_VALUE_SETS.keys()] as [string, ...string[]];

// Values as core.person, core.payer and core.encounter store them (docs/architecture.md; the
// encounter classes are those pipelines/validate accepts).
export const SEXES = ['F', 'M'] as const;
export const RACES = ['white', 'black', 'asian', 'native', 'hawaiian', 'other'] as const;
export const ETHNICITIES = ['hispanic', 'nonhispanic'] as const;
export const PAYER_CATEGORIES = ['Medicare', 'Medicaid', 'Dual Eligible', 'Commercial', 'Uninsured', 'Other'] as const;
export const ENCOUNTER_CLASSES = ['wellness', 'ambulatory', 'outpatient', 'emergency', 'inpatient', 'urgentcare', 'home', 'hospice', 'snf', 'virtual'] as const;

/** Age bands of mart.person_period (AGE_BANDS in pipelines/marts/person-period-table-sql.ts), used in characterizations. */
export const AGE_BANDS = ['0-17', '18-34', '35-49', '50-64', '65-74', '75-84', '85+'] as const;

// Code formats: SNOMED CT identifiers are 6–18 digits; RxNorm RXCUIs are digits; LOINC codes are
// digits, a hyphen and a check digit (e.g. 4548-4).
export const SNOMED_CODE = /^\d{6,18}$/;
export const RXNORM_CODE = /^\d{1,10}$/;
export const LOINC_CODE = /^\d{1,7}-\d$/;

/** The allow-lists above as one answer (GET /api/cohorts/vocabulary): what the builder offers. No patient data. */
export function cohortVocabulary() {
  const described = new Map(conditionCodes().map((c) => [c.code, c.description]));
  return {
    conditionGroups: [...CONDITION_VALUE_SETS].map(([group, codes]) => ({ group, codes: codes.map((code) => ({ code, description: described.get(code) ?? null })) })),
    encounterClasses: [...ENCOUNTER_CLASSES],
    sexes: [...SEXES],
    races: [...RACES],
    ethnicities: [...ETHNICITIES],
    payerCategories: [...PAYER_CATEGORIES],
    comparators: ['>', '>=', '<', '<=', '=', '!='],
  };
}
