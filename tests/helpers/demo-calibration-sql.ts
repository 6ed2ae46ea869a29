// Figures of a generated Synthea CSV extract, computed straight from its files with DuckDB (not
// through the generator's code nor the warehouse's): what tests/integration/demo-calibration.test.ts
// compares with published Massachusetts and US figures. Each query reads the CSVs in `dir`.
const csv = (dir: string, file: string) => `read_csv('${dir}/${file}.csv', header = true, all_varchar = true)`;

export interface CalibrationFigures {
  /** Shares of people alive on Census day 2020 (1 April). */
  mix: { hispanic: number; white: number; black: number; asian: number; other: number };
  /** Adults (18+) alive on 1 July 2024 with a diagnosis active that day. */
  adultPrevalence: { diabetes: number; hypertension: number };
  /** Ages 18–75 with diabetes in 2024 (alive at the year's end): last HbA1c of 2024 above 9.0%, or none. */
  hba1cPoorControl: number;
  /** Ages 18–85 with hypertension in 2024: last systolic < 140 and last diastolic < 90 in 2024. */
  bloodPressureControl: number;
  /** Encounter claim cost in 2024 over the person-years lived in 2024 (everyone is covered while alive). */
  costPerPersonYear: number;
  /** Deaths per 100,000 person-years by age group (age at the day), 2016–2019. */
  mortality: Record<string, number>;
}

export const MORTALITY_GROUPS = ['25-34', '35-44', '45-54', '55-64', '65-74', '75-84', '85+'] as const;

export function calibrationSql(dir: string, codes: { diabetes: string[]; hypertension: string[] }) {
  const patients = csv(dir, 'patients');
  const list = (xs: string[]) => xs.map((c) => `'${c}'`).join(', ');
  const activeOn = (day: string, group: string[]) =>
    `SELECT DISTINCT PATIENT AS id FROM ${csv(dir, 'conditions')} WHERE CODE IN (${list(group)}) AND START::DATE <= DATE '${day}' AND (STOP IS NULL OR STOP::DATE > DATE '${day}')`;
  const alive = (day: string) => `BIRTHDATE::DATE <= DATE '${day}' AND (DEATHDATE IS NULL OR DEATHDATE::DATE > DATE '${day}')`;
  const ageOn = (day: string) => `date_sub('year', BIRTHDATE::DATE, DATE '${day}')`;
  return {
    mix: `SELECT avg((ETHNICITY = 'hispanic')::INT) AS hispanic,
                 avg((ETHNICITY <> 'hispanic' AND RACE = 'white')::INT) AS white,
                 avg((ETHNICITY <> 'hispanic' AND RACE = 'black')::INT) AS black,
                 avg((ETHNICITY <> 'hispanic' AND RACE = 'asian')::INT) AS asian,
                 avg((ETHNICITY <> 'hispanic' AND RACE NOT IN ('white', 'black', 'asian'))::INT) AS other
          FROM ${patients} WHERE ${alive('2020-04-01')}`,
    prevalence: `SELECT avg((Id IN (${activeOn('2024-07-01', codes.diabetes)}))::INT) AS diabetes,
                        avg((Id IN (${activeOn('2024-07-01', codes.hypertension)}))::INT) AS hypertension
                 FROM ${patients} WHERE ${alive('2024-07-01')} AND ${ageOn('2024-07-01')} >= 18`,
    hba1c: `WITH denominator AS (
              SELECT Id FROM ${patients} WHERE ${alive('2024-12-31')} AND ${ageOn('2024-01-01')} BETWEEN 18 AND 75
                AND Id IN (SELECT PATIENT FROM ${csv(dir, 'conditions')} WHERE CODE IN (${list(codes.diabetes)}) AND START::DATE <= DATE '2024-12-31' AND (STOP IS NULL OR STOP::DATE >= DATE '2024-01-01'))),
            last AS (
              SELECT PATIENT AS Id, arg_max(VALUE::DOUBLE, DATE::TIMESTAMP) AS value FROM ${csv(dir, 'observations')}
              WHERE CODE = '4548-4' AND DATE >= '2024-01-01' AND DATE < '2025-01-01' GROUP BY 1)
            SELECT avg((l.value IS NULL OR l.value > 9.0)::INT) AS share FROM denominator d LEFT JOIN last l USING (Id)`,
    bloodPressure: `WITH denominator AS (
              SELECT Id FROM ${patients} WHERE ${alive('2024-12-31')} AND ${ageOn('2024-01-01')} BETWEEN 18 AND 85
                AND Id IN (SELECT PATIENT FROM ${csv(dir, 'conditions')} WHERE CODE IN (${list(codes.hypertension)}) AND START::DATE <= DATE '2024-12-31' AND (STOP IS NULL OR STOP::DATE >= DATE '2024-01-01'))),
            last AS (
              SELECT PATIENT AS Id, arg_max(VALUE::DOUBLE, DATE::TIMESTAMP) FILTER (WHERE CODE = '8480-6') AS systolic,
                     arg_max(VALUE::DOUBLE, DATE::TIMESTAMP) FILTER (WHERE CODE = '8462-4') AS diastolic
              FROM ${csv(dir, 'observations')} WHERE CODE IN ('8480-6', '8462-4') AND DATE >= '2024-01-01' AND DATE < '2025-01-01' GROUP BY 1)
            SELECT avg(coalesce(l.systolic < 140 AND l.diastolic < 90, false)::INT) AS share FROM denominator d LEFT JOIN last l USING (Id)`,
    cost: `SELECT (SELECT sum(TOTAL_CLAIM_COST::DOUBLE) FROM ${csv(dir, 'encounters')} WHERE START >= '2024-01-01' AND START < '2025-01-01')
                / (SELECT sum(date_diff('day', greatest(BIRTHDATE::DATE, DATE '2024-01-01'), least(coalesce(DEATHDATE::DATE, DATE '2025-01-01'), DATE '2025-01-01'))) / 365.25
                   FROM ${patients} WHERE BIRTHDATE::DATE < DATE '2025-01-01' AND (DEATHDATE IS NULL OR DEATHDATE::DATE >= DATE '2024-01-01')) AS cost`,
    // Person-years and deaths by age group, year by year 2016–2019, each person's year split at the birthday.
    mortality: `WITH years AS (SELECT unnest(range(2016, 2020)) AS y),
            lived AS (
              SELECT p.Id, y, a.age, p.DEATHDATE::DATE AS died,
                     greatest(make_date(y, 1, 1), BIRTHDATE::DATE + to_years(a.age)) AS s,
                     least(make_date(y + 1, 1, 1), BIRTHDATE::DATE + to_years(a.age + 1), coalesce(DEATHDATE::DATE + 1, DATE '9999-12-31')) AS e
              FROM ${patients} p, years, LATERAL (SELECT unnest([y - year(BIRTHDATE::DATE) - 1, y - year(BIRTHDATE::DATE)]) AS age) a
              WHERE a.age >= 0),
            grouped AS (
              SELECT CASE WHEN age < 25 THEN NULL WHEN age < 35 THEN '25-34' WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54'
                          WHEN age < 65 THEN '55-64' WHEN age < 75 THEN '65-74' WHEN age < 85 THEN '75-84' ELSE '85+' END AS grp,
                     date_diff('day', s, e) / 365.25 AS years, (died >= s AND died < e)::INT AS death
              FROM lived WHERE s < e)
            SELECT grp, 100000 * sum(death) / sum(years) AS rate FROM grouped WHERE grp IS NOT NULL GROUP BY grp ORDER BY grp`,
  };
}
