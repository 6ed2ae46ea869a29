// Kahn 2016, plausibility / uniqueness: one real-world object, one record. A duplicated person or
// encounter is counted twice by every measure; each row after the first of a group fails.
import { duplicateRows, personSlices } from '../check-sql.ts';
import type { QualityCheck } from '../quality-check.ts';

const uniqueness = { category: 'plausibility', subcategory: 'uniqueness' } as const;

export const UNIQUENESS_CHECKS: QualityCheck[] = [
  {
    id: 'person-id-unique', ...uniqueness, severity: 'error', threshold: 0,
    description: 'People whose person id appears on an earlier row',
    sql: (t) => duplicateRows(t.person, 'person_id'),
  },
  {
    id: 'payer-id-unique', ...uniqueness, severity: 'error', threshold: 0,
    description: 'Payers whose payer id appears on an earlier row',
    sql: (t) => duplicateRows(t.payer, 'payer_id'),
  },
  {
    id: 'encounter-id-unique', ...uniqueness, severity: 'error', threshold: 0,
    description: 'Encounters whose encounter id appears on an earlier row',
    sql: (t) => duplicateRows(t.encounter, 'encounter_id'),
  },
  {
    // Same person, start, class and code under another id: one visit recorded twice.
    id: 'encounter-duplicate', ...uniqueness, severity: 'error', threshold: 0,
    description: 'Encounters repeating another encounter of the same person with the same start time, class and code',
    sql: (t) => duplicateRows(t.encounter, 'person_id, start_ts, encounter_class, code'),
  },
  {
    // Different classes can legitimately share a start (an ED visit that becomes an admission),
    // so only an unusual share of them is flagged.
    id: 'encounter-same-start', ...uniqueness, severity: 'warning', threshold: 2,
    description: 'Encounters starting at the same timestamp as another encounter of the same person',
    sql: (t) => duplicateRows(t.encounter, 'person_id, start_ts'),
  },
  {
    id: 'observation-duplicate', ...uniqueness, severity: 'warning', threshold: 1,
    description: 'Observations repeating another of the same person, time, code and value',
    // In slices of the people, like the person-period check below: observations are the largest table.
    sql: (t) => personSlices('person_id').map((slice) => duplicateRows(`${t.observation} WHERE ${slice}`, 'person_id, obs_ts, code, value_num, value_text')),
  },
  {
    id: 'person-period-unique', ...uniqueness, severity: 'error', threshold: 0,
    description: 'Person-period rows repeating the grain, period and person of an earlier row',
    // One grain table and one slice of the people at a time: a hash table over every person-period
    // at once ran out of the load's memory at a million people (a person is in one slice only).
    sql: (t) => t.personPeriodGrains.flatMap(({ table }) => personSlices('person_id').map((slice) => duplicateRows(`${table} WHERE ${slice}`, 'period_start, person_id'))),
  },
];
