// Who is covered in which period, by which payer, for how many days: as segments [a, b] of period
// indexes per person, so no step has one row per person per period until the mart itself.
import { GRAIN_MONTHS, monthIndex, type Grain } from './period-index.ts';

/** Coverage clipped to life (birth to death) and to the data window; overlapping spans made disjoint. */
export const coverageSpansSql = (): string[] => [
  `CREATE TEMP TABLE clipped_spans AS
  SELECT k.pk, coalesce(py.category, 'Other') AS payer,
         greatest(c.start_date, d.birth_date, w.start_date) AS s,
         least(c.end_date, coalesce(d.death_date, c.end_date), w.end_date) AS e
  FROM wh.core.coverage c
  JOIN person_dates d USING (person_id)
  JOIN people k USING (person_id)
  LEFT JOIN wh.core.payer py USING (payer_id), data_window w`,
  // Overlapping spans (Synthea's transitions share their boundary day) would count a day twice:
  // each span starts after the latest end of the spans before it, so days are counted once.
  `CREATE TEMP TABLE spans AS
  SELECT pk, payer, s, e FROM (
    SELECT pk, payer, e,
           greatest(s, coalesce(max(e) OVER (PARTITION BY pk ORDER BY s, e, payer ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1, s)) AS s
    FROM clipped_spans WHERE s <= e)
  WHERE s <= e`,
  'DROP TABLE clipped_spans',
];

/**
 * membership_<grain>(pk, a, b, payer, days): the periods a span covers from first to last day are one
 * segment with days NULL (the whole period); a period covered in part is a segment of its own, with
 * the days of all its spans and the payer covering most of them (ties broken by name, so loads are
 * repeatable). Spans are disjoint, so a wholly covered period has no other span.
 */
export const membershipSegmentsSql = (grain: Grain): string => {
  const k = GRAIN_MONTHS[grain];
  const index = (d: string) => `${monthIndex(d)} // ${k}`;
  return `CREATE TEMP TABLE membership_${grain} AS
  WITH bounds AS (
    SELECT pk, payer, s, e, ${index('s')} AS first_idx, ${index('e')} AS last_idx,
           date_trunc('${grain}', s)::DATE AS first_start, (date_trunc('${grain}', s) + INTERVAL ${k} MONTH - INTERVAL 1 DAY)::DATE AS first_end,
           date_trunc('${grain}', e)::DATE AS last_start, (date_trunc('${grain}', e) + INTERVAL ${k} MONTH - INTERVAL 1 DAY)::DATE AS last_end
    FROM spans, data_window w),
  whole AS (
    SELECT pk, first_idx + (s > first_start)::INTEGER AS a, last_idx - (e < last_end)::INTEGER AS b, payer FROM bounds),
  part AS (
    SELECT pk, first_idx AS idx, payer, date_diff('day', s, least(e, first_end)) + 1 AS days FROM bounds WHERE s > first_start
    UNION ALL
    SELECT pk, last_idx, payer, date_diff('day', greatest(s, last_start), e) + 1 FROM bounds
    WHERE e < last_end AND NOT (first_idx = last_idx AND s > first_start)),
  part_by_payer AS (SELECT pk, idx, payer, sum(days) AS days FROM part GROUP BY ALL)
  SELECT pk, a, b, payer, NULL::HUGEINT AS days FROM whole WHERE a <= b
  UNION ALL
  SELECT pk, idx, idx, min({'fewer_days': -days, 'payer': payer}).payer, sum(days) FROM part_by_payer GROUP BY pk, idx`;
};
