// What a data-quality check is: one rule of the harmonized framework of Kahn et al. 2016
// ("A harmonized data quality assessment terminology and framework for the secondary use of
// electronic health record data", eGEMs 4(1):1244), written as SQL that only counts rows.
// A check never returns or stores a patient-level value: the results table holds counts.

/** Kahn 2016, Table 2: the three categories. */
export type KahnCategory = 'conformance' | 'completeness' | 'plausibility';

/**
 * Kahn 2016 subcategories: conformance is value, relational or computational; plausibility is
 * uniqueness, atemporal or temporal. Completeness has no subcategory in the framework (null).
 */
export type KahnSubcategory = 'value' | 'relational' | 'computational' | 'uniqueness' | 'atemporal' | 'temporal';

/** 'error': measures built on these rows are wrong. 'warning': worth a look, measures may still hold. */
export type Severity = 'error' | 'warning';

/** The fully qualified names of the tables a check reads, e.g. `wh.core.person` during a load. */
export interface Tables {
  person: string;
  payer: string;
  coverage: string;
  organization: string;
  encounter: string;
  condition: string;
  observation: string;
  medication: string;
  procedure: string;
  immunization: string;
  personPeriod: string;
  /** The tables behind personPeriod, one per grain (person_month, person_quarter, person_year). */
  personPeriodGrains: { grain: 'month' | 'quarter' | 'year'; table: string }[];
  /**
   * person_id, birth_date and death_date with every birth date. core.person has none for people
   * aged 90+ (HIPAA Safe Harbor top-coding), so during a load this is the staging's person_dates.
   */
  birthDates: string;
}

export interface QualityCheck {
  /** Stable kebab-case id; the comparison with the previous load matches on it. */
  id: string;
  category: KahnCategory;
  subcategory: KahnSubcategory | null;
  description: string;
  /**
   * A SELECT returning one row with `rows_checked` and `rows_failed`. It may read the load clock
   * as `(SELECT load_ts FROM params)` (a TIMESTAMP, bound as a parameter by the runner).
   * A check too large for one pass within the load's memory (a hash table over every person-month
   * at a million people) gives several SELECTs over disjoint slices of the rows; the runner runs
   * them one after another and adds their counts up.
   */
  sql: (t: Tables) => string | string[];
  /** The largest percentage of failing rows that still passes (0: any failing row fails the check). */
  threshold: number;
  severity: Severity;
}

const PREFIX = /^([a-z_][a-z0-9_]*\.)?$/;
const NAME = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*){0,2}$/;

/**
 * `schemaPrefix` is '' for a published warehouse (schema `core`) or 'wh.' for the load's attached
 * build; `birthDates` names the table of true birth dates when there is one (default core.person).
 */
export function tablesFor(schemaPrefix: string, birthDates?: string): Tables {
  if (!PREFIX.test(schemaPrefix)) throw new Error(`invalid schema prefix '${schemaPrefix}': expected '' or a lowercase name and a dot, e.g. 'wh.'`);
  if (birthDates !== undefined && !NAME.test(birthDates)) throw new Error(`invalid birth-date table name '${birthDates}'`);
  const core = (table: string) => `${schemaPrefix}core.${table}`;
  return {
    person: core('person'),
    payer: core('payer'),
    coverage: core('coverage'),
    organization: core('organization'),
    encounter: core('encounter'),
    condition: core('condition'),
    observation: core('observation'),
    medication: core('medication'),
    procedure: core('procedure'),
    immunization: core('immunization'),
    personPeriod: `${schemaPrefix}mart.person_period`,
    personPeriodGrains: (['month', 'quarter', 'year'] as const).map((grain) => ({ grain, table: `${schemaPrefix}mart.person_${grain}` })),
    birthDates: birthDates ?? core('person'),
  };
}
