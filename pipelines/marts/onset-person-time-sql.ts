// Person-time at risk up to a first diagnosis (incidence): for the period in which a person's first
// diagnosis of a group falls, the covered days from the period's start through the day of diagnosis.
// Person-time at risk ends at onset (Rothman, Modern Epidemiology, 3rd ed., ch. 3); every other
// period of a person at risk is at risk for all of its covered days, so only onset periods need this.
import { GRAIN_MONTHS, monthIndex, type Grain } from './period-index.ts';

/** onsets_long(pk, grp, onset): each person's first diagnosis of each group inside the data window. */
export const onsetsLongSql = (conditionGroups: string[]): string => `CREATE TEMP TABLE onsets_long AS
  SELECT pk, grp, onset FROM (
    UNPIVOT (SELECT pk, ${conditionGroups.map((g) => `onset_${g} AS "${g}"`).join(', ')} FROM people)
    ON ${conditionGroups.map((g) => `"${g}"`).join(', ')} INTO NAME grp VALUE onset), data_window w
  WHERE onset BETWEEN w.start_date AND w.end_date`;

/**
 * onset_time_<grain>(pk, idx, days_to_onset_<g>, onset_covered_<g>...): in the period holding a
 * person's onset of g, the covered days from the period's start through the onset day, inclusive (0
 * when coverage starts after it), and whether the onset day itself is covered (a case observed at
 * risk; a diagnosis in a gap of coverage ends the time at risk at the gap without counting, so every
 * grain counts the same cases); NULL in every other period. Spans are disjoint, so their days add up.
 */
export const onsetPersonTimeSql = (grain: Grain, conditionGroups: string[]): string => {
  const k = GRAIN_MONTHS[grain];
  return `CREATE TEMP TABLE onset_time_${grain} AS
  WITH onset_periods AS (
    SELECT o.pk, o.grp, o.onset, ${monthIndex('o.onset')} // ${k} AS idx, date_trunc('${grain}', o.onset)::DATE AS period_start
    FROM onsets_long o, data_window w),
  covered AS (
    -- FILTER, not a bare sum: greatest() and least() skip NULLs, and would count the days of a missing span.
    SELECT o.pk, o.grp, o.idx, coalesce(sum(date_diff('day', greatest(s.s, o.period_start), least(s.e, o.onset)) + 1) FILTER (WHERE s.s IS NOT NULL), 0) AS days,
           coalesce(bool_or(s.e >= o.onset), false) AS onset_covered
    FROM onset_periods o LEFT JOIN spans s ON s.pk = o.pk AND s.s <= o.onset AND s.e >= o.period_start
    GROUP BY o.pk, o.grp, o.idx)
  SELECT pk, idx::INTEGER AS idx, ${conditionGroups.map((g) => `max(days) FILTER (WHERE grp = '${g}') AS days_to_onset_${g}, bool_or(onset_covered) FILTER (WHERE grp = '${g}') AS onset_covered_${g}`).join(', ')}
  FROM covered GROUP BY pk, idx`;
};
