// Kahn 2016, conformance / computational: derived values agree with the values they are computed
// from (Kahn's own example is a BMI that matches the recorded height and weight). Each check
// recomputes a derived column independently of the code that produced it.
import { countRows, periodEnd, personSlices } from '../check-sql.ts';
import type { QualityCheck } from '../quality-check.ts';

const computational = { category: 'conformance', subcategory: 'computational' } as const;

// Average days per month used by the mart (docs/architecture.md: covered days / (365.25 / 12)).
const DAYS_PER_MONTH = '(365.25 / 12)';

const ageBandOf = (age: string) => `CASE WHEN ${age} < 18 THEN '0-17' WHEN ${age} < 35 THEN '18-34' WHEN ${age} < 50 THEN '35-49'
  WHEN ${age} < 65 THEN '50-64' WHEN ${age} < 75 THEN '65-74' WHEN ${age} < 85 THEN '75-84' ELSE '85+' END`;

export const COMPUTATIONAL_CONFORMANCE_CHECKS: QualityCheck[] = [
  {
    // Synthea rounds BMI, weight and height to 0.1, so honest values agree within a few tenths.
    id: 'observation-bmi-computed', ...computational, severity: 'warning', threshold: 1,
    description: 'BMI observations that differ by more than 1 kg/m2 from weight / height² recorded at the same encounter',
    sql: (t) => `SELECT count(*) AS rows_checked, count(*) FILTER (WHERE abs(bmi - kg / ((cm / 100) ^ 2)) > 1) AS rows_failed
      FROM (SELECT b.value_num AS bmi,
                   (SELECT avg(w.value_num) FROM ${t.observation} w WHERE w.encounter_id = b.encounter_id AND w.code = '29463-7') AS kg,
                   (SELECT avg(h.value_num) FROM ${t.observation} h WHERE h.encounter_id = b.encounter_id AND h.code = '8302-2') AS cm
            FROM ${t.observation} b WHERE b.code = '39156-5' AND b.value_num IS NOT NULL AND b.encounter_id IS NOT NULL)
      WHERE kg IS NOT NULL AND cm > 0`,
  },
  {
    id: 'person-period-member-months', ...computational, severity: 'error', threshold: 0,
    description: 'Person-period rows with more member months than the period has days',
    sql: (t) => countRows(t.personPeriod,
      `member_months > (date_diff('day', period_start, ${periodEnd('grain', 'period_start')}) + 1) / ${DAYS_PER_MONTH} + 1e-9`),
  },
  {
    // Whole years at the start of the period, floored at 0 and top-coded at 90 (docs/architecture.md);
    // rows of people without a known birth date cannot be checked and are not counted.
    id: 'person-period-age', ...computational, severity: 'error', threshold: 0,
    description: "Person-period rows whose age or age band disagrees with the person's birth date at the period start",
    sql: (t) => `SELECT count(*) AS rows_checked,
        count(*) FILTER (WHERE age IS DISTINCT FROM expected_age OR age_band IS DISTINCT FROM ${ageBandOf('expected_age')}) AS rows_failed
      FROM (SELECT m.age, m.age_band, least(greatest(date_part('year', age(m.period_start, p.birth_date)), 0), 90)::INTEGER AS expected_age
            FROM ${t.personPeriod} m JOIN ${t.birthDates} p USING (person_id) WHERE p.birth_date IS NOT NULL)`,
  },
  {
    // ED visits and admissions are encounters starting in the period (docs/architecture.md).
    id: 'person-period-utilization', ...computational, severity: 'error', threshold: 0,
    description: 'Person-period rows whose ED visits or inpatient admissions differ from the encounters starting in the period',
    // One grain and one slice of the people at a time (a person is in one slice only), within the
    // load's memory at a million people.
    sql: (t) => t.personPeriodGrains.flatMap(({ grain, table }) => {
      const encounterSlices = personSlices('e.person_id');
      return personSlices('m.person_id').map((slice, k) => `WITH counted AS (
          SELECT date_trunc('${grain}', e.start_ts)::DATE AS period_start, e.person_id,
                 count(*) FILTER (WHERE e.encounter_class = 'emergency') AS ed,
                 count(*) FILTER (WHERE e.encounter_class = 'inpatient') AS ip
          FROM ${t.encounter} e WHERE ${encounterSlices[k]}
          GROUP BY ALL)
        SELECT count(*) AS rows_checked,
               count(*) FILTER (WHERE m.ed_visits <> coalesce(c.ed, 0) OR m.inpatient_admits <> coalesce(c.ip, 0)) AS rows_failed
        FROM ${table} m LEFT JOIN counted c USING (period_start, person_id) WHERE ${slice}`);
    }),
  },
];
