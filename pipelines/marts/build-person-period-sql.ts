// 5. Marts: mart.person_period, one row per person per year, quarter and month in coverage.
// Almost every dashboard question becomes one GROUP BY over it. Condition columns come from
// data/reference/condition-groups.csv (names checked to be [a-z_]+ there).

export const GRAINS = ['year', 'quarter', 'month'] as const;
export type Grain = (typeof GRAINS)[number];

/** The mart table of one grain: mart.person_year, mart.person_quarter, mart.person_month. */
export const martTable = (grain: Grain): string => `person_${grain}`;

const AGE_BANDS = `CASE WHEN age < 18 THEN '0-17' WHEN age < 35 THEN '18-34' WHEN age < 50 THEN '35-49'
  WHEN age < 65 THEN '50-64' WHEN age < 75 THEN '65-74' WHEN age < 85 THEN '75-84' ELSE '85+' END`;

// NCHS age groups of the US 2000 standard population (Klein & Schoenborn 2001, 11 groups).
const STD_AGE_GROUPS = `CASE WHEN age < 1 THEN '<1' WHEN age < 5 THEN '1-4' WHEN age < 15 THEN '5-14'
  WHEN age < 25 THEN '15-24' WHEN age < 35 THEN '25-34' WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54'
  WHEN age < 65 THEN '55-64' WHEN age < 75 THEN '65-74' WHEN age < 85 THEN '75-84' ELSE '85+' END`;

const UTILIZATION_COLUMNS = [
  'ed_visits', 'inpatient_admits', 'wellness_visits', 'inpatient_discharges', 'index_discharges', 'readmissions_30d', 'inpatient_days',
  'flu_vaccinations', 'cost', 'cost_inpatient', 'cost_emergency', 'cost_ambulatory', 'cost_wellness',
];

export function buildPersonPeriodSql(conditionGroups: string[]): string[] {
  const flags = conditionGroups.map((g) => `coalesce(bool_or(cg."group" = '${g}'), false) AS has_${g}`).join(',\n    ');
  return [
    // The window the data covers: from the first encounter's year to the last encounter.
    `CREATE TEMP TABLE data_window AS
     SELECT date_trunc('year', min(start_ts))::DATE AS start_date, max(start_ts)::DATE AS end_date FROM wh.core.encounter`,
    `CREATE TEMP TABLE periods AS
     SELECT g.grain, p.period_start::DATE AS period_start,
            (p.period_start + CASE g.grain WHEN 'year' THEN INTERVAL 1 YEAR WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 MONTH END - INTERVAL 1 DAY)::DATE AS period_end
     FROM data_window,
          (VALUES ('year'), ('quarter'), ('month')) g(grain),
          LATERAL (SELECT unnest(generate_series(date_trunc(g.grain, start_date), end_date::TIMESTAMP,
                   CASE g.grain WHEN 'year' THEN INTERVAL 1 YEAR WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 MONTH END)) AS period_start) p`,
    // Coverage clipped to life (birth to death) and to the data window.
    `CREATE TEMP TABLE clipped_spans AS
     SELECT c.person_id, coalesce(py.category, 'Other') AS payer,
            greatest(c.start_date, p.birth_date, w.start_date) AS s,
            least(c.end_date, coalesce(p.death_date, c.end_date), w.end_date) AS e
     FROM wh.core.coverage c
     JOIN person_dates p USING (person_id)
     LEFT JOIN wh.core.payer py USING (payer_id), data_window w`,
    // Overlapping spans (Synthea's transitions share their boundary day) would count a day twice:
    // each span starts after the latest end of the spans before it, so days are counted once.
    `CREATE TEMP TABLE spans AS
     SELECT person_id, payer, s, e FROM (
       SELECT person_id, payer, e,
              greatest(s, coalesce(max(e) OVER (PARTITION BY person_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1, s)) AS s
       FROM clipped_spans WHERE s <= e)
     WHERE s <= e`,
    `CREATE TEMP TABLE covered AS
     SELECT pr.grain, pr.period_start, pr.period_end, s.person_id, s.payer,
            date_diff('day', greatest(s.s, pr.period_start), least(s.e, pr.period_end)) + 1 AS days
     FROM spans s JOIN periods pr ON s.s <= pr.period_end AND s.e >= pr.period_start`,
    // The period's payer is the one covering most days (ties broken by name, so loads are repeatable).
    `CREATE TEMP TABLE membership AS
     SELECT grain, period_start, any_value(period_end) AS period_end, person_id,
            sum(days) AS days, first(payer ORDER BY days DESC, payer) AS payer
     FROM (SELECT grain, period_start, period_end, person_id, payer, sum(days) AS days FROM covered GROUP BY ALL)
     GROUP BY grain, period_start, person_id`,
    `CREATE TEMP TABLE condition_spans AS
     SELECT c.person_id, cg."group", c.start_date, coalesce(c.stop_date, DATE '9999-12-31') AS stop_date
     FROM wh.core.condition c JOIN condition_groups cg USING (code)`,
    `CREATE TEMP TABLE condition_flags AS
     SELECT m.grain, m.period_start, m.person_id,
    ${flags}
     FROM membership m JOIN condition_spans cg
       ON cg.person_id = m.person_id AND cg.start_date <= m.period_end AND cg.stop_date >= m.period_start
     GROUP BY m.grain, m.period_start, m.person_id`,
    // Attribution by plurality of visits (as in CMS Shared Savings Program assignment): each person
    // belongs to the organization of most of their encounters; ties go to the first name.
    `CREATE TEMP TABLE person_organization AS
     SELECT person_id, first(coalesce(o.name, 'Unknown') ORDER BY visits DESC, o.name) AS organization
     FROM (SELECT person_id, organization_id, count(*) AS visits FROM wh.core.encounter GROUP BY ALL) v
     LEFT JOIN wh.core.organization o USING (organization_id)
     GROUP BY person_id`,
    `CREATE TEMP TABLE onsets AS
     SELECT person_id, ${conditionGroups.map((g) => `min(start_date) FILTER (WHERE "group" = '${g}') AS onset_${g}`).join(', ')}
     FROM condition_spans GROUP BY person_id`,
    // Inpatient stays for readmissions (CMS Hospital-Wide Readmission / HEDIS PCR, simplified):
    // an admission on the day of a discharge is a transfer, so that discharge is not an index stay;
    // a stay ending in death is not an index stay; a readmission is the next admission 1–30 days later.
    `CREATE TEMP TABLE inpatient_stays AS
     SELECT s.*, (next_admit IS NULL OR next_admit > discharge_date)
                 AND (death_date IS NULL OR death_date > discharge_date) AS is_index
     FROM (SELECT e.person_id, e.start_ts::DATE AS admit_date, coalesce(e.stop_ts, e.start_ts)::DATE AS discharge_date,
                  lead(e.start_ts::DATE) OVER (PARTITION BY e.person_id ORDER BY e.start_ts) AS next_admit, p.death_date
           FROM wh.core.encounter e JOIN person_dates p USING (person_id)
           WHERE e.encounter_class = 'inpatient') s`,
    `CREATE TEMP TABLE person_events AS
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
     FROM wh.core.immunization WHERE code IN (SELECT code FROM flu_vaccine_codes)`,
    `CREATE TEMP TABLE utilization AS
     SELECT g.grain, date_trunc(g.grain, e.d)::DATE AS period_start, e.person_id,
            sum(ed_visits)::INTEGER AS ed_visits, sum(inpatient_admits)::INTEGER AS inpatient_admits,
            sum(wellness_visits)::INTEGER AS wellness_visits, sum(inpatient_discharges)::INTEGER AS inpatient_discharges,
            sum(index_discharges)::INTEGER AS index_discharges,
            sum(readmissions_30d)::INTEGER AS readmissions_30d, sum(inpatient_days)::INTEGER AS inpatient_days,
            sum(flu_vaccinations)::INTEGER AS flu_vaccinations,
            sum(cost) AS cost, sum(cost_inpatient) AS cost_inpatient, sum(cost_emergency) AS cost_emergency,
            sum(cost_ambulatory) AS cost_ambulatory, sum(cost_wellness) AS cost_wellness
     FROM person_events e, (VALUES ('year'), ('quarter'), ('month')) g(grain)
     GROUP BY ALL`,
    // The most recent reading in the period (HEDIS HBD and CBP use the last value of the year).
    `CREATE TEMP TABLE last_readings AS
     SELECT g.grain, date_trunc(g.grain, o.obs_ts)::DATE AS period_start, o.person_id,
            arg_max(value_num, obs_ts) FILTER (WHERE code = '4548-4') AS last_hba1c,
            arg_max(value_num, obs_ts) FILTER (WHERE code = '8480-6') AS last_systolic,
            arg_max(value_num, obs_ts) FILTER (WHERE code = '8462-4') AS last_diastolic,
            arg_max(value_num, obs_ts) FILTER (WHERE code = '39156-5') AS last_bmi
     FROM wh.core.observation o, (VALUES ('year'), ('quarter'), ('month')) g(grain)
     WHERE o.code IN ('4548-4', '8480-6', '8462-4', '39156-5') AND o.value_num IS NOT NULL
     GROUP BY ALL`,
    // One table per grain, so a query reads only its grain's rows (no sort over all grains), and
    // mart.person_period as their union for everything that wants one table.
    ...GRAINS.map((grain) => `CREATE TABLE wh.mart.${martTable(grain)} AS
     WITH aged AS (
       SELECT m.*,
              -- A NULL birth date is someone top-coded at 90+ in an earlier load (greatest/least skip NULLs).
              coalesce(least(greatest(date_sub('year', d.birth_date, m.period_start), 0), 90), 90)::INTEGER AS age,
              p.sex, p.race, p.ethnicity, coalesce(p.county, 'Unknown') AS county, p.county_fips, p.zip3,
              p.death_date BETWEEN m.period_start AND m.period_end AS died
       FROM membership m JOIN wh.core.person p USING (person_id) JOIN person_dates d USING (person_id)
       WHERE m.grain = '${grain}')
     SELECT a.grain, a.period_start, a.period_end, a.person_id, a.age,
            ${AGE_BANDS} AS age_band, ${STD_AGE_GROUPS} AS std_age_group,
            a.sex, a.race, a.ethnicity, a.county, a.county_fips, a.zip3, a.payer,
            coalesce(po.organization, 'Unknown') AS organization,
            a.days / (365.25 / 12) AS member_months, coalesce(a.died, false) AS died,
            ${conditionGroups.map((g) => `coalesce(f.has_${g}, false) AS has_${g}, o.onset_${g}`).join(',\n            ')},
            ${UTILIZATION_COLUMNS.map((c) => `coalesce(u.${c}, 0) AS ${c}`).join(', ')},
            r.last_hba1c, r.last_systolic, r.last_diastolic, r.last_bmi
     FROM aged a
     LEFT JOIN (SELECT * FROM condition_flags WHERE grain = '${grain}') f USING (period_start, person_id)
     LEFT JOIN onsets o USING (person_id)
     LEFT JOIN person_organization po USING (person_id)
     LEFT JOIN (SELECT * FROM utilization WHERE grain = '${grain}') u USING (period_start, person_id)
     LEFT JOIN (SELECT * FROM last_readings WHERE grain = '${grain}') r USING (period_start, person_id)`),
    `CREATE VIEW wh.mart.person_period AS ${GRAINS.map((grain) => `SELECT * FROM mart.${martTable(grain)}`).join(' UNION ALL ')}`,
  ];
}
