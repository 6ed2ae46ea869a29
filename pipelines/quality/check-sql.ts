// SQL template helpers shared by the checks. Every helper returns a SELECT with the two counts a
// check reports (rows_checked, rows_failed); the table names come from tablesFor(), never from input.
import type { Tables } from './quality-check.ts';

/** The load clock, bound once per check by the runner (see run-checks.ts). */
export const LOAD_TS = '(SELECT load_ts FROM params)';

/**
 * SNOMED CT 308646001 "Death certification": the encounter that certifies a death comes after it by
 * definition (Synthea records it a week later), so it and its records are not "events after death".
 */
export const DEATH_CERTIFICATION = '308646001';

/** Rows of `from` (a table with an optional WHERE), and how many of them satisfy `failing`. */
export function countRows(from: string, failing: string): string {
  return `SELECT count(*) AS rows_checked, count(*) FILTER (WHERE ${failing}) AS rows_failed FROM ${from}`;
}

/**
 * Slices of the people, for checks run in parts (see QualityCheck.sql): `slice(k)` is a predicate on
 * `column` true for about 1/PERSON_SLICES of the people, and the slices are disjoint and cover all.
 */
export const PERSON_SLICES = 8;
export function personSlices(column: string): string[] {
  return Array.from({ length: PERSON_SLICES }, (_, k) => `hash(${column}) % ${PERSON_SLICES} = ${k}`);
}

/** Uniqueness: rows sharing `keys`; every row after the first of its group fails (Kahn 2016, uniqueness). */
export function duplicateRows(from: string, keys: string): string {
  return `SELECT sum(n) AS rows_checked, sum(n - 1) AS rows_failed FROM (SELECT count(*) AS n FROM ${from} GROUP BY ${keys})`;
}

/** Numeric observations with one LOINC code whose value lies outside [low, high]. */
export function observationRange(t: Tables, loinc: string, low: number, high: number): string {
  return countRows(`${t.observation} WHERE code = '${loinc}' AND value_num IS NOT NULL`, `value_num NOT BETWEEN ${low} AND ${high}`);
}

/**
 * The clinical records other than encounters, as (kind, person_id, encounter_id, event_ts):
 * conditions by onset, observations, medications and procedures by start, immunizations by date.
 */
export function clinicalEvents(t: Tables): string {
  return `SELECT 'condition' AS kind, person_id, encounter_id, start_date::TIMESTAMP AS event_ts FROM ${t.condition}
    UNION ALL SELECT 'observation', person_id, encounter_id, obs_ts FROM ${t.observation}
    UNION ALL SELECT 'medication', person_id, encounter_id, start_ts FROM ${t.medication}
    UNION ALL SELECT 'procedure', person_id, encounter_id, start_ts FROM ${t.procedure}
    UNION ALL SELECT 'immunization', person_id, encounter_id, imm_ts FROM ${t.immunization}`;
}

/** Encounters and clinical records together, as (person_id, encounter_id, event_ts). */
export function allEvents(t: Tables): string {
  return `SELECT person_id, encounter_id, start_ts AS event_ts FROM ${t.encounter}
    UNION ALL SELECT person_id, encounter_id, event_ts FROM (${clinicalEvents(t)})`;
}

/** Records attached to a death-certification encounter (see DEATH_CERTIFICATION). */
export function onDeathCertification(t: Tables, encounterId: string): string {
  return `${encounterId} IN (SELECT encounter_id FROM ${t.encounter} WHERE code = '${DEATH_CERTIFICATION}')`;
}

/** Whether the day of `ts` falls in none of the person's coverage periods (inclusive dates). */
export function outsideCoverage(t: Tables, personId: string, ts: string): string {
  return `NOT EXISTS (SELECT 1 FROM ${t.coverage} c WHERE c.person_id = ${personId} AND ${ts}::DATE BETWEEN c.start_date AND c.end_date)`;
}

/** The last day of a person-period row's period, from its grain (not from a stored column). */
export function periodEnd(grain: string, periodStart: string): string {
  return `(${periodStart} + CASE ${grain} WHEN 'year' THEN INTERVAL 1 YEAR WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 MONTH END - INTERVAL 1 DAY)::DATE`;
}
