// Kahn 2016, plausibility / atemporal: values, and distributions of values, are believable on their
// own. Ranges here are narrower than validation's quarantine limits (what is physically possible):
// a value between the two is possible but rare enough to suggest a unit or entry error.
import { countRows, LOAD_TS, observationRange } from '../check-sql.ts';
import type { QualityCheck } from '../quality-check.ts';

const atemporal = { category: 'plausibility', subcategory: 'atemporal' } as const;

// Population rates are judged only on years with enough people to be stable (NCHS flags rates
// with small denominators as unreliable); a smaller extract checks no year and passes.
const MIN_PEOPLE = 100;

export const ATEMPORAL_PLAUSIBILITY_CHECKS: QualityCheck[] = [
  {
    id: 'hba1c-range', ...atemporal, severity: 'warning', threshold: 1,
    description: 'HbA1c results (LOINC 4548-4) outside 3–18 %',
    sql: (t) => observationRange(t, '4548-4', 3, 18),
  },
  {
    id: 'systolic-bp-range', ...atemporal, severity: 'warning', threshold: 1,
    description: 'Systolic blood pressures (LOINC 8480-6) outside 60–250 mm[Hg]',
    sql: (t) => observationRange(t, '8480-6', 60, 250),
  },
  {
    id: 'diastolic-bp-range', ...atemporal, severity: 'warning', threshold: 1,
    description: 'Diastolic blood pressures (LOINC 8462-4) outside 30–150 mm[Hg]',
    sql: (t) => observationRange(t, '8462-4', 30, 150),
  },
  {
    id: 'bmi-range', ...atemporal, severity: 'warning', threshold: 1,
    description: 'BMI values (LOINC 39156-5) outside 10–80 kg/m2',
    sql: (t) => observationRange(t, '39156-5', 10, 80),
  },
  {
    // A systolic at or below the diastolic of the same measurement means swapped or mistyped fields.
    id: 'blood-pressure-order', ...atemporal, severity: 'warning', threshold: 1,
    description: 'Encounters whose systolic pressure is not above their diastolic pressure',
    sql: (t) => countRows(`(SELECT encounter_id, avg(value_num) FILTER (WHERE code = '8480-6') AS sbp, avg(value_num) FILTER (WHERE code = '8462-4') AS dbp
        FROM ${t.observation} WHERE code IN ('8480-6', '8462-4') AND encounter_id IS NOT NULL GROUP BY encounter_id) WHERE sbp IS NOT NULL AND dbp IS NOT NULL`,
      'sbp <= dbp'),
  },
  {
    id: 'encounter-cost-negative', ...atemporal, severity: 'error', threshold: 0,
    description: 'Encounters with a negative base cost, total cost or payer coverage',
    sql: (t) => countRows(t.encounter, 'base_cost < 0 OR total_cost < 0 OR payer_coverage < 0'),
  },
  {
    id: 'record-cost-negative', ...atemporal, severity: 'error', threshold: 0,
    description: 'Medications, procedures and immunizations with a negative cost',
    sql: (t) => countRows(`(SELECT total_cost AS cost FROM ${t.medication} UNION ALL SELECT base_cost FROM ${t.procedure}
        UNION ALL SELECT base_cost FROM ${t.immunization})`, 'cost < 0'),
  },
  {
    id: 'payer-coverage-exceeds-cost', ...atemporal, severity: 'error', threshold: 0,
    description: 'Encounters where the payer paid more than the total cost',
    sql: (t) => countRows(t.encounter, 'payer_coverage > total_cost + 0.005'),
  },
  {
    // The oldest verified ages are about 120; a living person over 115 usually lacks a death date.
    // Needs the true birth dates (t.birthDates): core.person withholds them from age 90 on.
    id: 'person-age-over-115', ...atemporal, severity: 'error', threshold: 0,
    description: 'People older than 115 years at death or, if alive, at the load date',
    sql: (t) => countRows(t.birthDates, `date_part('year', age(coalesce(death_date, ${LOAD_TS}::DATE), birth_date)) > 115`),
  },
  {
    id: 'inpatient-stay-over-365-days', ...atemporal, severity: 'warning', threshold: 0,
    description: 'Inpatient encounters lasting more than 365 days',
    sql: (t) => countRows(`${t.encounter} WHERE encounter_class = 'inpatient'`, `stop_ts - start_ts > INTERVAL 365 DAY`),
  },
  {
    // US diagnosed diabetes is about 11–12 % of the population (CDC National Diabetes Statistics
    // Report, 2023); a year outside 1–30 % suggests a broken value set or condition mapping.
    id: 'diabetes-prevalence-range', ...atemporal, severity: 'warning', threshold: 0,
    description: `Years (with at least ${MIN_PEOPLE} people) whose diabetes prevalence is outside 1–30 %`,
    sql: (t) => countRows(`(SELECT count(*) AS people, 100.0 * count(*) FILTER (WHERE has_diabetes) / count(*) AS pct
        FROM ${t.personPeriod} WHERE grain = 'year' GROUP BY period_start) WHERE people >= ${MIN_PEOPLE}`,
      'pct NOT BETWEEN 1 AND 30'),
  },
  {
    // About 400–450 ED visits per 1,000 people a year in the US (CDC NHAMCS 2019–2021).
    id: 'ed-visit-rate-range', ...atemporal, severity: 'warning', threshold: 0,
    description: `Years (with at least ${MIN_PEOPLE} member-years) whose ED visit rate is outside 50–1,500 per 1,000 member-years`,
    sql: (t) => countRows(`(SELECT sum(member_months) / 12 AS member_years, 1000 * sum(ed_visits) / (sum(member_months) / 12) AS rate
        FROM ${t.personPeriod} WHERE grain = 'year' GROUP BY period_start) WHERE member_years >= ${MIN_PEOPLE}`,
      'rate NOT BETWEEN 50 AND 1500'),
  },
];
