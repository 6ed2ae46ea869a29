// Kahn 2016, plausibility / temporal: dates follow the order life imposes (birth, events, death),
// lie before the load clock, and agree with enrollment. Dates are compared by day, so an event on
// the day of death or birth is plausible.
import { allEvents, clinicalEvents, countRows, DEATH_CERTIFICATION, LOAD_TS, onDeathCertification, outsideCoverage, periodEnd } from '../check-sql.ts';
import type { QualityCheck } from '../quality-check.ts';

const temporal = { category: 'plausibility', subcategory: 'temporal' } as const;
const hard = { ...temporal, severity: 'error', threshold: 0 } as const;

/** Each coverage period with the latest end of the person's earlier periods (null for the first). */
const coverageSequence = (coverage: string) => `(SELECT start_date,
    max(end_date) OVER (PARTITION BY person_id ORDER BY start_date, end_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_end
  FROM ${coverage}) WHERE previous_end IS NOT NULL`;

export const TEMPORAL_PLAUSIBILITY_CHECKS: QualityCheck[] = [
  {
    id: 'person-death-before-birth', ...hard,
    description: 'People whose death date is before their birth date',
    sql: (t) => countRows(t.birthDates, 'death_date < birth_date'),
  },
  {
    id: 'person-date-in-future', ...hard,
    description: 'People born or dying after the load date',
    sql: (t) => countRows(t.birthDates, `birth_date > ${LOAD_TS}::DATE OR death_date > ${LOAD_TS}::DATE`),
  },
  {
    id: 'encounter-in-future', ...hard,
    description: 'Encounters starting after the load time',
    sql: (t) => countRows(t.encounter, `start_ts > ${LOAD_TS}`),
  },
  {
    id: 'clinical-record-in-future', ...hard,
    description: 'Conditions, observations, medications, procedures and immunizations dated after the load time',
    sql: (t) => countRows(`(${clinicalEvents(t)})`, `event_ts > ${LOAD_TS}`),
  },
  {
    id: 'encounter-after-death', ...hard,
    description: `Encounters starting after the person's death (death certification, SNOMED ${DEATH_CERTIFICATION}, excepted)`,
    sql: (t) => countRows(`${t.encounter} e LEFT JOIN ${t.person} p USING (person_id)`,
      `e.start_ts::DATE > p.death_date AND e.code IS DISTINCT FROM '${DEATH_CERTIFICATION}'`),
  },
  {
    id: 'clinical-record-after-death', ...hard,
    description: "Clinical records dated after the person's death (those of the death certification excepted)",
    sql: (t) => countRows(`(${clinicalEvents(t)}) r LEFT JOIN ${t.person} p USING (person_id)`,
      `r.event_ts::DATE > p.death_date AND NOT coalesce(${onDeathCertification(t, 'r.encounter_id')}, false)`),
  },
  {
    id: 'record-before-birth', ...hard,
    description: "Encounters and clinical records dated before the person's birth",
    sql: (t) => countRows(`(${allEvents(t)}) r LEFT JOIN ${t.birthDates} p USING (person_id)`, 'r.event_ts::DATE < p.birth_date'),
  },
  {
    id: 'encounter-stop-before-start', ...hard,
    description: 'Encounters that stop before they start',
    sql: (t) => countRows(t.encounter, 'stop_ts < start_ts'),
  },
  {
    id: 'record-stop-before-start', ...hard,
    description: 'Conditions, medications and procedures that stop before they start',
    sql: (t) => countRows(`(SELECT start_date::TIMESTAMP AS s, stop_date::TIMESTAMP AS e FROM ${t.condition}
        UNION ALL SELECT start_ts, stop_ts FROM ${t.medication} UNION ALL SELECT start_ts, stop_ts FROM ${t.procedure})`, 'e < s'),
  },
  {
    id: 'coverage-end-before-start', ...hard,
    description: 'Coverage periods that end before they start',
    sql: (t) => countRows(t.coverage, 'end_date < start_date'),
  },
  {
    id: 'coverage-after-death', ...hard,
    description: "Coverage periods starting after the person's death",
    sql: (t) => countRows(`${t.coverage} c LEFT JOIN ${t.person} p USING (person_id)`, 'c.start_date > p.death_date'),
  },
  {
    // People do lose insurance, so gaps are flagged only when they become common.
    id: 'coverage-gap', ...temporal, severity: 'warning', threshold: 5,
    description: "Coverage periods starting more than a day after the end of the person's earlier periods",
    sql: (t) => countRows(coverageSequence(t.coverage), 'start_date > previous_end + 1'),
  },
  {
    // Synthea's consecutive periods share their boundary day; more than that double-counts enrollment.
    id: 'coverage-overlap', ...temporal, severity: 'warning', threshold: 1,
    description: "Coverage periods overlapping the person's earlier periods by more than the boundary day",
    sql: (t) => countRows(coverageSequence(t.coverage), 'start_date < previous_end'),
  },
  {
    // Enrollment often starts some days after birth or ends before the last visit is recorded.
    id: 'encounter-outside-coverage', ...temporal, severity: 'warning', threshold: 5,
    description: 'Encounters on a day outside all of the person\'s coverage periods',
    sql: (t) => countRows(`${t.encounter} e`, outsideCoverage(t, 'e.person_id', 'e.start_ts')),
  },
  {
    id: 'observation-outside-coverage', ...temporal, severity: 'warning', threshold: 5,
    description: "Observations on a day outside all of the person's coverage periods",
    sql: (t) => countRows(`${t.observation} o`, outsideCoverage(t, 'o.person_id', 'o.obs_ts')),
  },
  {
    id: 'person-period-outside-life', ...hard,
    description: 'Person-period rows for a period ending before the birth or starting after the death of the person',
    sql: (t) => countRows(`${t.personPeriod} m LEFT JOIN ${t.birthDates} p USING (person_id)`,
      `m.period_start > p.death_date OR ${periodEnd('m.grain', 'm.period_start')} < p.birth_date`),
  },
];
