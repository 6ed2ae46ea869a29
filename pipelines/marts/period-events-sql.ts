// Utilization and last readings per person per period, aggregated once per month (instead of once
// per event per grain) and rolled up to quarters and years: counts and costs add up, and the last
// reading of a quarter is the last of its months' last readings (each month keeps its reading's time).
import { GRAIN_MONTHS, monthIndex, type Grain } from './period-index.ts';

export const UTILIZATION_COLUMNS = [
  'ed_visits', 'inpatient_admits', 'wellness_visits', 'inpatient_discharges', 'index_discharges', 'readmissions_30d', 'inpatient_days',
  'flu_vaccinations', 'cost', 'cost_inpatient', 'cost_emergency', 'cost_ambulatory', 'cost_wellness',
] as const;

// The most recent reading in the period (HEDIS HBD and CBP use the last value of the year).
export const READINGS = [
  { column: 'last_hba1c', loinc: '4548-4' },
  { column: 'last_systolic', loinc: '8480-6' },
  { column: 'last_diastolic', loinc: '8462-4' },
  { column: 'last_bmi', loinc: '39156-5' },
] as const;

/** Inpatient stays for readmissions (CMS Hospital-Wide Readmission / HEDIS PCR, simplified). */
export const inpatientStaysSql = (): string =>
  // An admission on the day of a discharge is a transfer, so that discharge is not an index stay;
  // a stay ending in death is not an index stay; a readmission is the next admission 1–30 days later.
  `CREATE TEMP TABLE inpatient_stays AS
  SELECT s.*, (next_admit IS NULL OR next_admit > discharge_date)
              AND (death_date IS NULL OR death_date > discharge_date) AS is_index
  FROM (SELECT e.person_id, e.start_ts::DATE AS admit_date, coalesce(e.stop_ts, e.start_ts)::DATE AS discharge_date,
               lead(e.start_ts::DATE) OVER (PARTITION BY e.person_id ORDER BY e.start_ts) AS next_admit, p.death_date
        FROM wh.core.encounter e JOIN person_dates p USING (person_id)
        WHERE e.encounter_class = 'inpatient') s`;

// Counts are INTEGER in the mart, costs DOUBLE.
const sumColumn = (c: string): string => (c.startsWith('cost') ? `sum(${c}) AS ${c}` : `sum(${c})::INTEGER AS ${c}`);

/** utilization_month: encounters by start, stays by discharge and flu vaccines, in their month of the window. */
export const monthUtilizationSql = (): string => `CREATE TEMP TABLE utilization_month AS
  WITH events AS (
    SELECT person_id, start_ts::DATE AS d,
           (encounter_class = 'emergency')::INTEGER AS ed_visits,
           (encounter_class = 'inpatient')::INTEGER AS inpatient_admits,
           (encounter_class = 'wellness')::INTEGER AS wellness_visits,
           0 AS inpatient_discharges, 0 AS index_discharges, 0 AS readmissions_30d, 0 AS inpatient_days, 0 AS flu_vaccinations,
           coalesce(total_cost, 0) AS cost,
           CASE WHEN encounter_class = 'inpatient' THEN coalesce(total_cost, 0) ELSE 0 END AS cost_inpatient,
           CASE WHEN encounter_class = 'emergency' THEN coalesce(total_cost, 0) ELSE 0 END AS cost_emergency,
           CASE WHEN encounter_class IN ('ambulatory', 'outpatient', 'urgentcare', 'virtual') THEN coalesce(total_cost, 0) ELSE 0 END AS cost_ambulatory,
           CASE WHEN encounter_class = 'wellness' THEN coalesce(total_cost, 0) ELSE 0 END AS cost_wellness
    FROM wh.core.encounter
    UNION ALL
    SELECT person_id, discharge_date, 0, 0, 0, 1, is_index::INTEGER,
           (is_index AND next_admit BETWEEN discharge_date + 1 AND discharge_date + 30)::INTEGER,
           greatest(date_diff('day', admit_date, discharge_date), 1), 0, 0, 0, 0, 0, 0
    FROM inpatient_stays
    UNION ALL
    SELECT person_id, imm_ts::DATE, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0
    FROM wh.core.immunization WHERE code IN (SELECT code FROM flu_vaccine_codes))
  SELECT p.pk, ${monthIndex('e.d')}::INTEGER AS idx, ${UTILIZATION_COLUMNS.map(sumColumn).join(', ')}
  FROM events e JOIN people p USING (person_id), data_window w
  WHERE e.d >= w.start_date
  GROUP BY ALL`;

/** readings_month: the last reading of each kind in the month, and its time (to roll months up). */
export const monthReadingsSql = (): string => `CREATE TEMP TABLE readings_month AS
  SELECT p.pk, ${monthIndex('o.obs_ts')}::INTEGER AS idx,
         ${READINGS.map((r) => `arg_max(value_num, obs_ts) FILTER (WHERE code = '${r.loinc}') AS ${r.column}, max(obs_ts) FILTER (WHERE code = '${r.loinc}') AS ${r.column}_at`).join(',\n         ')}
  FROM wh.core.observation o JOIN people p USING (person_id), data_window w
  WHERE o.code IN (${READINGS.map((r) => `'${r.loinc}'`).join(', ')}) AND o.value_num IS NOT NULL AND o.obs_ts >= w.start_date
  GROUP BY ALL`;

// Each grain from the next finer one (month → quarter → year): sums add up, the last reading is the latest month's last.
const finerGrain = (grain: Exclude<Grain, 'month'>) =>
  grain === 'quarter' ? { finer: 'month', factor: GRAIN_MONTHS.quarter } : { finer: 'quarter', factor: GRAIN_MONTHS.year / GRAIN_MONTHS.quarter };

export const rolledUpUtilizationSql = (grain: Exclude<Grain, 'month'>): string => {
  const { finer, factor } = finerGrain(grain);
  return `CREATE TEMP TABLE utilization_${grain} AS
  SELECT pk, idx // ${factor} AS idx, ${UTILIZATION_COLUMNS.map(sumColumn).join(', ')}
  FROM utilization_${finer} GROUP BY ALL`;
};

export const rolledUpReadingsSql = (grain: Exclude<Grain, 'month'>): string => {
  const { finer, factor } = finerGrain(grain);
  return `CREATE TEMP TABLE readings_${grain} AS
  SELECT pk, idx // ${factor} AS idx,
         ${READINGS.map((r) => `arg_max(${r.column}, ${r.column}_at) AS ${r.column}, max(${r.column}_at) AS ${r.column}_at`).join(',\n         ')}
  FROM readings_${finer} GROUP BY ALL`;
};
