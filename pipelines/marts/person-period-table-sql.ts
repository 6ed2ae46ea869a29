// The mart table of one grain: membership segments cut by condition segments, expanded to one row
// per person per period only here, with the person's columns, the period's dates and its events.
import { hasCondition } from './condition-segments-sql.ts';
import { READINGS, UTILIZATION_COLUMNS } from './period-events-sql.ts';
import { GRAIN_MONTHS, martTable, type Grain } from '../../core/warehouse/schema.ts';

export { martTable };

const AGE_BANDS = `CASE WHEN age < 18 THEN '0-17' WHEN age < 35 THEN '18-34' WHEN age < 50 THEN '35-49'
  WHEN age < 65 THEN '50-64' WHEN age < 75 THEN '65-74' WHEN age < 85 THEN '75-84' ELSE '85+' END`;

// NCHS age groups of the US 2000 standard population (Klein & Schoenborn 2001, 11 groups).
const STD_AGE_GROUPS = `CASE WHEN age < 1 THEN '<1' WHEN age < 5 THEN '1-4' WHEN age < 15 THEN '5-14'
  WHEN age < 25 THEN '15-24' WHEN age < 35 THEN '25-34' WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54'
  WHEN age < 65 THEN '55-64' WHEN age < 75 THEN '65-74' WHEN age < 85 THEN '75-84' ELSE '85+' END`;

/**
 * pieces_<grain>(pk, a, b, payer, days, mask): membership segments cut where the condition mask
 * changes (condition segments tile the window of everyone with a diagnosis; people without one keep
 * their segments, mask 0), and at year ends: DuckDB scans a table in parallel by row groups of
 * ~120k rows, and pieces at most a year long make enough rows for both threads even at 20k people.
 */
export const piecesSql = (grain: Grain): string => {
  const perYear = 12 / GRAIN_MONTHS[grain];
  return `CREATE TEMP TABLE pieces_${grain} AS
  WITH cut AS (
    SELECT m.pk, greatest(m.a, coalesce(f.a, m.a)) AS a, least(m.b, coalesce(f.b, m.b)) AS b, m.payer, m.days, coalesce(f.mask, 0) AS mask
    FROM membership_${grain} m LEFT JOIN condition_segments_${grain} f ON f.pk = m.pk AND f.a <= m.b AND f.b >= m.a)
  SELECT pk, greatest(a, y * ${perYear}) AS a, least(b, y * ${perYear} + ${perYear - 1}) AS b, payer, days, mask
  FROM (SELECT *, unnest(range(a // ${perYear}, b // ${perYear} + 1)) AS y FROM cut)`;
};

// A grain's rows are written in buckets of people (pk % BUCKETS), so each statement's hash tables
// (the people's columns and events) hold a quarter of them: at 1M people well under the memory limit.
const BUCKETS = 4;

/**
 * The statements that build mart.person_<grain>. DuckDB cannot tell how many rows unnest makes and
 * would build its hash tables on the person-periods (the largest side) instead of the events, so the
 * joins keep the order written here, each building on its right side.
 */
export const personPeriodTableSql = (grain: Grain, conditionGroups: string[]): string[] => [
  "SET disabled_optimizers = 'join_order,build_side_probe_side'",
  ...Array.from({ length: BUCKETS }, (_, bucket) =>
    `${bucket === 0 ? `CREATE TABLE wh.mart.${martTable(grain)} AS` : `INSERT INTO wh.mart.${martTable(grain)}`}
  ${personPeriodRowsSql(grain, conditionGroups, `pk % ${BUCKETS} = ${bucket}`)}`),
  'RESET disabled_optimizers',
];

const personPeriodRowsSql = (grain: Grain, conditionGroups: string[], bucket: string): string => `
  WITH person_periods AS (
    SELECT pk, unnest(range(a, b + 1))::INTEGER AS idx, payer, days, mask FROM pieces_${grain} WHERE ${bucket}),
  aged AS (
    SELECT r.pk, r.idx, r.payer, r.mask, pr.period_start, pr.period_end, coalesce(r.days, pr.days) AS days, p.* EXCLUDE (pk),
           -- A NULL birth date is someone top-coded at 90+ in an earlier load (greatest/least skip NULLs).
           coalesce(least(greatest(date_sub('year', p.birth_date, pr.period_start), 0), 90), 90)::INTEGER AS age
    FROM person_periods r JOIN periods_${grain} pr USING (idx) JOIN (SELECT * FROM people WHERE ${bucket}) p USING (pk))
  SELECT '${grain}' AS grain, a.period_start, a.period_end, a.person_id, a.record_key, a.age,
         ${AGE_BANDS} AS age_band, ${STD_AGE_GROUPS} AS std_age_group,
         a.sex, a.race, a.ethnicity, a.county, a.county_fips, a.zip3, a.payer, a.organization,
         a.days / (365.25 / 12) AS member_months, coalesce(a.death_date BETWEEN a.period_start AND a.period_end, false) AS died,
         ${conditionGroups.map((g, i) => `${hasCondition('a.mask', i)} AS has_${g}, a.onset_${g}, t.days_to_onset_${g} / (365.25 / 12) AS months_to_onset_${g}, coalesce(t.onset_covered_${g}, false) AS new_${g}`).join(',\n         ')},
         ${UTILIZATION_COLUMNS.map((c) => `coalesce(u.${c}, 0) AS ${c}`).join(', ')},
         ${READINGS.map((r) => `r.${r.column}`).join(', ')}
  FROM aged a
  LEFT JOIN (SELECT * FROM utilization_${grain} WHERE ${bucket}) u USING (pk, idx)
  LEFT JOIN (SELECT * FROM readings_${grain} WHERE ${bucket}) r USING (pk, idx)
  LEFT JOIN (SELECT * FROM onset_time_${grain} WHERE ${bucket}) t USING (pk, idx)`;
