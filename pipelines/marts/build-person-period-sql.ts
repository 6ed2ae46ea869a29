// 5. Marts: mart.person_year, person_quarter and person_month, one row per person per period in
// coverage; almost every dashboard question becomes one GROUP BY over one of them. Condition columns
// come from data/reference/condition-groups.csv (names checked to be [a-z_]+ there).
//
// Built for 1M people within the load's memory limit: keys are integers (person pk, period index);
// coverage and conditions stay as per-person segments until the mart row is written; events are
// aggregated once per month and rolled up; no ordered or list aggregates (they cannot spill); and
// each temp table is dropped as soon as nothing needs it.
import { conditionBitsSql, conditionMonthsSql, conditionSegmentsSql, conditionSpansSql } from './condition-segments-sql.ts';
import { coverageSpansSql, membershipSegmentsSql } from './membership-sql.ts';
import { inpatientStaysSql, monthReadingsSql, monthUtilizationSql, rolledUpReadingsSql, rolledUpUtilizationSql } from './period-events-sql.ts';
import { dataWindowSql, GRAINS, periodsSql, type Grain } from './period-index.ts';
import { onsetPersonTimeSql, onsetsLongSql } from './onset-person-time-sql.ts';
import { onsetsSql, peopleSql, personOrganizationSql } from './people-sql.ts';
import { martTable, personPeriodTableSql, piecesSql } from './person-period-table-sql.ts';

export { GRAINS, martTable, type Grain };

const drop = (...tables: string[]): string[] => tables.map((t) => `DROP TABLE ${t}`);

/** The statements of the marts stage, in order; reads wh.core.*, person_dates, condition_groups, flu_vaccine_codes. */
export function buildPersonPeriodSql(conditionGroups: string[]): string[] {
  const martOf = (grain: Grain): string[] => [
    periodsSql(grain),
    membershipSegmentsSql(grain),
    conditionSegmentsSql(grain),
    piecesSql(grain),
    onsetPersonTimeSql(grain, conditionGroups),
    ...drop(`membership_${grain}`, `condition_segments_${grain}`),
    ...personPeriodTableSql(grain, conditionGroups),
    ...drop(`periods_${grain}`, `pieces_${grain}`, `onset_time_${grain}`, `utilization_${grain}`, `readings_${grain}`),
  ];
  return [
    dataWindowSql(),
    conditionSpansSql(),
    personOrganizationSql(),
    onsetsSql(conditionGroups),
    peopleSql(conditionGroups),
    ...drop('person_organization', 'onsets'),
    conditionBitsSql(conditionGroups),
    conditionMonthsSql(),
    ...drop('condition_spans', 'condition_bits'),
    ...coverageSpansSql(),
    onsetsLongSql(conditionGroups),
    inpatientStaysSql(),
    monthUtilizationSql(),
    'DROP TABLE inpatient_stays',
    monthReadingsSql(),
    // Each grain's events come from the finer grain's, so a grain's tables go once the next is built.
    rolledUpUtilizationSql('quarter'),
    rolledUpReadingsSql('quarter'),
    ...martOf('month'),
    rolledUpUtilizationSql('year'),
    rolledUpReadingsSql('year'),
    ...martOf('quarter'),
    ...martOf('year'),
    ...drop('spans', 'onsets_long', 'condition_months', 'people', 'data_window'),
    // mart.person_period: the union of the grains, for everything that wants one table.
    `CREATE VIEW wh.mart.person_period AS ${GRAINS.map((grain) => `SELECT * FROM mart.${martTable(grain)}`).join(' UNION ALL ')}`,
  ];
}
