// The honest peer of section 8: three of the bench's questions asked of the core tables of a plain
// PostgreSQL warehouse, as an analyst in a BI tool (Superset, Metabase) would write them: coverage
// spans cut into years, events counted per year, joined. Not Popsight's definitions to the letter
// (no value sets, no disclosure control): what a user would otherwise run, for its time.

export interface BiQuestion {
  id: string;
  /** Popsight's answer to the same question. */
  apiPath: string;
  /** The core tables the SQL reads (copied into the plain PostgreSQL). */
  tables: string[];
  sql: string;
}

/** Calendar years spanned by coverage, and each coverage span's days inside each year. */
const COVERED_YEARS = `years AS (
    SELECT make_date(y, 1, 1) AS year_start, make_date(y + 1, 1, 1) AS next_year
    FROM generate_series((SELECT extract(year FROM min(start_date))::int FROM core.coverage),
                         (SELECT extract(year FROM max(coalesce(end_date, current_date)))::int FROM core.coverage)) AS y),
  spans AS (
    SELECT y.year_start, y.next_year, c.person_id, c.payer_id,
           least(coalesce(c.end_date + 1, y.next_year), y.next_year) - greatest(c.start_date, y.year_start) AS days
    FROM core.coverage c JOIN years y ON c.start_date < y.next_year AND coalesce(c.end_date + 1, y.next_year) > y.year_start)`;

export const BI_QUESTIONS: BiQuestion[] = [
  {
    id: 'ED visits per 1,000 member-years by payer, yearly',
    apiPath: '/api/measures/ed-visits-per-1000?period=year&by=payer',
    tables: ['core.coverage', 'core.encounter'],
    sql: `WITH ${COVERED_YEARS},
      member_years AS (SELECT year_start, payer_id, sum(days) / 365.25 AS years FROM spans GROUP BY 1, 2),
      visits AS (SELECT date_trunc('year', start_ts)::date AS year_start, payer_id, count(*) AS n
                 FROM core.encounter WHERE encounter_class = 'emergency' GROUP BY 1, 2)
      SELECT m.year_start, m.payer_id, 1000 * coalesce(v.n, 0) / m.years AS per_1000
      FROM member_years m LEFT JOIN visits v USING (year_start, payer_id) ORDER BY 1, 2`,
  },
  {
    id: 'Cost per member-month by county, yearly',
    apiPath: '/api/measures/cost-pmpm?period=year&by=county',
    tables: ['core.coverage', 'core.encounter', 'core.person'],
    sql: `WITH ${COVERED_YEARS},
      member_months AS (SELECT s.year_start, p.county, sum(s.days) / 30.4375 AS months
                        FROM spans s JOIN core.person p USING (person_id) GROUP BY 1, 2),
      costs AS (SELECT date_trunc('year', e.start_ts)::date AS year_start, p.county, sum(e.total_cost) AS cost
                FROM core.encounter e JOIN core.person p USING (person_id) GROUP BY 1, 2)
      SELECT m.year_start, m.county, coalesce(c.cost, 0) / m.months AS pmpm
      FROM member_months m LEFT JOIN costs c USING (year_start, county) ORDER BY 1, 2`,
  },
  {
    id: 'Diabetes prevalence by sex, yearly',
    apiPath: '/api/measures/diabetes-prevalence?period=year&by=sex',
    tables: ['core.coverage', 'core.person', 'core.condition'],
    sql: `WITH ${COVERED_YEARS},
      covered AS (SELECT DISTINCT year_start, next_year, person_id FROM spans),
      diabetic AS (SELECT person_id, min(start_date) AS onset FROM core.condition WHERE description ILIKE '%diabetes%' GROUP BY 1)
      SELECT c.year_start, p.sex, count(*) AS people, count(*) FILTER (WHERE d.onset < c.next_year) AS with_diabetes,
             (count(*) FILTER (WHERE d.onset < c.next_year))::float8 / count(*) AS prevalence
      FROM covered c JOIN core.person p USING (person_id) LEFT JOIN diabetic d USING (person_id) GROUP BY 1, 2 ORDER BY 1, 2`,
  },
];
