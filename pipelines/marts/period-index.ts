// Periods as integers: month 0 is January of the data window's first year, quarter = month // 3,
// year = month // 12. Joining and grouping on (pk, idx) integers is much cheaper than on
// (person_id, period_start), and a month rolls up to its quarter and year by integer division.

import { GRAIN_MONTHS, GRAINS, type Grain } from '../../core/warehouse/schema.ts';

export { GRAIN_MONTHS, GRAINS, type Grain };

/** The month index of a DATE expression `d`; needs `data_window w` in the FROM clause. */
export const monthIndex = (d: string): string => `((year(${d}) - w.first_year) * 12 + month(${d}) - 1)`;

/** The window the data covers: from the first encounter's year to the last encounter. */
export const dataWindowSql = (): string => `CREATE TEMP TABLE data_window AS
  SELECT start_date, end_date, year(start_date) AS first_year,
         (year(end_date) - year(start_date)) * 12 + month(end_date) - 1 AS last_month
  FROM (SELECT date_trunc('year', min(start_ts))::DATE AS start_date, max(start_ts)::DATE AS end_date FROM wh.core.encounter)`;

/** The periods of one grain with a start no later than the window's end, numbered from 0. */
export const periodsSql = (grain: Grain): string => `CREATE TEMP TABLE periods_${grain} AS
  SELECT idx, period_start, (period_start + INTERVAL ${GRAIN_MONTHS[grain]} MONTH - INTERVAL 1 DAY)::DATE AS period_end,
         date_diff('day', period_start, (period_start + INTERVAL ${GRAIN_MONTHS[grain]} MONTH)::DATE) AS days
  FROM (SELECT idx, (start_date + to_months(idx * ${GRAIN_MONTHS[grain]}))::DATE AS period_start
        FROM (SELECT start_date, unnest(range(0, last_month // ${GRAIN_MONTHS[grain]} + 1))::INTEGER AS idx FROM data_window))`;
