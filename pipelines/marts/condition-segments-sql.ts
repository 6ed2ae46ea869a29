// has_<condition> per period without joining every period with every diagnosis: per person, the set
// of active condition groups (a bit mask) only changes where a diagnosis starts or stops, so it is
// stored as a few segments [a, b] of period indexes that tile the data window.
import { GRAIN_MONTHS, monthIndex, type Grain } from './period-index.ts';

/** Condition group → bit of the mask; a BIGINT mask holds up to 63 groups. */
export function conditionBitsSql(conditionGroups: string[]): string {
  if (conditionGroups.length > 63) throw new Error(`At most 63 condition groups fit the marts' condition mask, not ${conditionGroups.length}`);
  const rows = conditionGroups.map((g, i) => `('${g}', ${1n << BigInt(i)}::BIGINT)`).join(', ');
  return `CREATE TEMP TABLE condition_bits AS SELECT * FROM (VALUES ${rows}) b("group", bit)`;
}

/** `has(mask, i)` as SQL: whether group i is active. */
export const hasCondition = (mask: string, index: number): string => `(${mask} & ${1n << BigInt(index)}::BIGINT) <> 0`;

export const conditionSpansSql = (): string => `CREATE TEMP TABLE condition_spans AS
  SELECT c.person_id, cg."group", c.start_date, coalesce(c.stop_date, DATE '9999-12-31') AS stop_date
  FROM wh.core.condition c JOIN condition_groups cg USING (code)`;

// A diagnosis is active in a period when it starts by the period's end and stops no earlier than its
// start, i.e. when index(start) <= period <= index(stop). Clipped to the window in months first, so
// that integer division (which truncates) never sees a negative month.
export const conditionMonthsSql = (): string => `CREATE TEMP TABLE condition_months AS
  SELECT pk, bit, from_month, to_month FROM (
    SELECT p.pk, b.bit, greatest(${monthIndex('cs.start_date')}, 0) AS from_month, least(${monthIndex('cs.stop_date')}, w.last_month) AS to_month
    FROM condition_spans cs JOIN people p USING (person_id) JOIN condition_bits b USING ("group"), data_window w)
  WHERE from_month <= to_month`;

/** Segments (pk, a, b, mask) tiling periods 0..last of each person with any diagnosis in the window. */
export const conditionSegmentsSql = (grain: Grain): string => {
  const k = GRAIN_MONTHS[grain];
  return `CREATE TEMP TABLE condition_segments_${grain} AS
  WITH intervals AS (SELECT pk, bit, from_month // ${k} AS a, to_month // ${k} AS b FROM condition_months),
  last AS (SELECT last_month // ${k} AS last_idx FROM data_window),
  starts AS (SELECT pk, 0 AS x FROM intervals UNION SELECT pk, a FROM intervals UNION SELECT pk, b + 1 FROM intervals),
  segments AS (
    SELECT pk, x AS a, coalesce(lead(x) OVER (PARTITION BY pk ORDER BY x) - 1, last_idx) AS b
    FROM starts, last WHERE x <= last_idx)
  SELECT s.pk, s.a, s.b, coalesce(bit_or(i.bit), 0) AS mask
  FROM segments s LEFT JOIN intervals i ON i.pk = s.pk AND i.a <= s.a AND i.b >= s.a
  GROUP BY s.pk, s.a, s.b`;
};
