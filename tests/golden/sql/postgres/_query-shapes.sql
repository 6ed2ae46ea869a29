-- 1. quarterly, two stratifiers, person rows
-- values: []
SELECT to_char(period_key, 'YYYY-"Q"Q') AS period, stratum0, stratum1, numerator, denominator, numerator_people, denominator_people, numerator_key, denominator_key FROM (SELECT period_start AS period_key, age_band AS stratum0, race AS stratum1, (count(*) FILTER (WHERE new_diabetes))::double precision AS numerator, (sum(coalesce(months_to_onset_diabetes, member_months)) / 12)::double precision AS denominator, (count(*) FILTER (WHERE new_diabetes))::bigint AS numerator_people, (count(*))::bigint AS denominator_people, (coalesce(sum(record_key) FILTER (WHERE new_diabetes), 0) % 4294967296)::bigint AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::bigint AS denominator_key FROM mart.person_quarter WHERE true AND ((onset_diabetes IS NULL OR onset_diabetes >= period_start)) GROUP BY 1, 2, 3) AS cells ORDER BY period_key, stratum0 COLLATE "C", stratum1 COLLATE "C";

-- 2. monthly, one filter, person rows
-- values: ["O'Brien County"]
SELECT to_char(period_key, 'YYYY-MM') AS period, numerator, denominator, sum_yy, sum_xx, sum_xy, n, numerator_people, denominator_people, numerator_key, denominator_key, max_value FROM (SELECT period_start AS period_key, sum(cost)::double precision AS numerator, sum(member_months)::double precision AS denominator, sum((cost) * (cost))::double precision AS sum_yy, sum((member_months) * (member_months))::double precision AS sum_xx, sum((member_months) * (cost))::double precision AS sum_xy, count(*)::bigint AS n, (count(*) FILTER (WHERE cost > 0))::bigint AS numerator_people, (count(*))::bigint AS denominator_people, (coalesce(sum(record_key) FILTER (WHERE cost > 0), 0) % 4294967296)::bigint AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::bigint AS denominator_key, max(cost)::double precision AS max_value FROM mart.person_month WHERE true AND county = $1 GROUP BY 1) AS cells ORDER BY period_key;

-- 3. quarterly by sex (age standardization), quarter cells
-- values: ["diabetes-incidence"]
SELECT to_char(period_key, 'YYYY-"Q"Q') AS period, stratum0, age_group, numerator, denominator, numerator_people, denominator_people, numerator_key, denominator_key FROM (SELECT period_start AS period_key, sex AS stratum0, std_age_group AS age_group, sum(numerator)::double precision AS numerator, sum(denominator)::double precision AS denominator, 
                 sum(numerator_people)::bigint AS numerator_people, sum(denominator_people)::bigint AS denominator_people, (coalesce(sum(numerator_key), 0) % 4294967296)::bigint AS numerator_key, (coalesce(sum(denominator_key), 0) % 4294967296)::bigint AS denominator_key
          FROM mart.measure_cells_demographic_quarter WHERE measure_id = $1 AND true GROUP BY 1, 2, 3) AS cells ORDER BY period_key, stratum0 COLLATE "C", age_group COLLATE "C";

-- 4. quarterly by organization, one filter, quarter cells
-- values: ["F","cost-pmpm"]
SELECT to_char(period_key, 'YYYY-"Q"Q') AS period, stratum0, numerator, denominator, sum_yy, sum_xx, sum_xy, n, numerator_people, denominator_people, numerator_key, denominator_key, max_value FROM (SELECT period_start AS period_key, organization AS stratum0, sum(numerator)::double precision AS numerator, sum(denominator)::double precision AS denominator, sum(sum_yy)::double precision AS sum_yy, sum(sum_xx)::double precision AS sum_xx, sum(sum_xy)::double precision AS sum_xy, sum(n)::bigint AS n,
                 sum(numerator_people)::bigint AS numerator_people, sum(denominator_people)::bigint AS denominator_people, (coalesce(sum(numerator_key), 0) % 4294967296)::bigint AS numerator_key, (coalesce(sum(denominator_key), 0) % 4294967296)::bigint AS denominator_key, max(max_value)::double precision AS max_value
          FROM mart.measure_cells_organization_quarter WHERE measure_id = $2 AND true AND sex = $1 GROUP BY 1, 2) AS cells ORDER BY period_key, stratum0 COLLATE "C";

-- 5. whole span (period all), by payer, cells
-- values: ["cost-pmpm"]
SELECT 'all' AS period, stratum0, numerator, denominator, sum_yy, sum_xx, sum_xy, n, numerator_people, denominator_people, numerator_key, denominator_key, max_value FROM (SELECT NULL::date AS period_key, payer AS stratum0, sum(numerator)::double precision AS numerator, sum(denominator)::double precision AS denominator, sum(sum_yy)::double precision AS sum_yy, sum(sum_xx)::double precision AS sum_xx, sum(sum_xy)::double precision AS sum_xy, sum(n)::bigint AS n,
                 sum(numerator_people)::bigint AS numerator_people, sum(denominator_people)::bigint AS denominator_people, (coalesce(sum(numerator_key), 0) % 4294967296)::bigint AS numerator_key, (coalesce(sum(denominator_key), 0) % 4294967296)::bigint AS denominator_key, max(max_value)::double precision AS max_value
          FROM mart.measure_cells_demographic WHERE measure_id = $1 AND true GROUP BY 1, 2) AS cells ORDER BY period_key, stratum0 COLLATE "C";

-- 6. yearly by standard age group (age standardization), cells
-- values: ["diabetes-incidence"]
SELECT to_char(period_key, 'YYYY') AS period, stratum0, age_group, numerator, denominator, numerator_people, denominator_people, numerator_key, denominator_key FROM (SELECT period_start AS period_key, sex AS stratum0, std_age_group AS age_group, sum(numerator)::double precision AS numerator, sum(denominator)::double precision AS denominator, 
                 sum(numerator_people)::bigint AS numerator_people, sum(denominator_people)::bigint AS denominator_people, (coalesce(sum(numerator_key), 0) % 4294967296)::bigint AS numerator_key, (coalesce(sum(denominator_key), 0) % 4294967296)::bigint AS denominator_key
          FROM mart.measure_cells_demographic WHERE measure_id = $1 AND true GROUP BY 1, 2, 3) AS cells ORDER BY period_key, stratum0 COLLATE "C", age_group COLLATE "C";

-- 7. yearly, a saved cohort with a filter (parameters renumbered), person rows
-- values: ["Medicare","F"]
SELECT to_char(period_key, 'YYYY') AS period, stratum0, numerator, denominator, numerator_people, denominator_people, numerator_key, denominator_key FROM (SELECT period_start AS period_key, sex AS stratum0, (count(*) FILTER (WHERE new_diabetes))::double precision AS numerator, (sum(coalesce(months_to_onset_diabetes, member_months)) / 12)::double precision AS denominator, (count(*) FILTER (WHERE new_diabetes))::bigint AS numerator_people, (count(*))::bigint AS denominator_people, (coalesce(sum(record_key) FILTER (WHERE new_diabetes), 0) % 4294967296)::bigint AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::bigint AS denominator_key FROM mart.person_year WHERE true AND payer = $1 AND person_id IN (SELECT person_id FROM mart.person_period WHERE sex = $2 AND has_diabetes) AND ((onset_diabetes IS NULL OR onset_diabetes >= period_start)) GROUP BY 1, 2) AS cells ORDER BY period_key, stratum0 COLLATE "C";

-- 8. top share, quarterly by county, person rows (window form)
-- values: []
SELECT to_char(period_key, 'YYYY-"Q"Q') AS period, stratum0, numerator, denominator, numerator_people, denominator_people, numerator_key, denominator_key, max_value FROM (WITH base AS (SELECT period_start AS period_key, county AS stratum0, record_key, (cost)::double precision AS v FROM mart.person_quarter WHERE true),
          ranked AS (SELECT *, row_number() OVER (PARTITION BY period_key, stratum0 ORDER BY v DESC) <= ceil(0.05 * count(*) OVER (PARTITION BY period_key, stratum0)) AS in_top FROM base)
          SELECT period_key, stratum0, (sum(v) FILTER (WHERE in_top))::double precision AS numerator, sum(v)::double precision AS denominator, (count(*) FILTER (WHERE in_top))::bigint AS numerator_people, (count(*))::bigint AS denominator_people,
                  0::bigint AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::bigint AS denominator_key,
                 max(v)::double precision AS max_value
          FROM ranked GROUP BY 1, 2) AS cells ORDER BY period_key, stratum0 COLLATE "C";

-- 9. top share, yearly, whole population, cells
-- values: ["top-5-percent-cost-share",""]
SELECT to_char(period_key, 'YYYY') AS period, numerator, denominator, numerator_people, denominator_people, numerator_key, denominator_key, max_value FROM (SELECT period_start AS period_key, numerator, denominator, numerator_people, denominator_people, 0::BIGINT AS numerator_key, denominator_key, max_value
          FROM mart.top_share_cells WHERE measure_id = $1 AND dimension = $2) AS cells ORDER BY period_key;

-- 10. top share, yearly by organization, cells
-- values: ["top-5-percent-cost-share","organization"]
SELECT to_char(period_key, 'YYYY') AS period, stratum0, numerator, denominator, numerator_people, denominator_people, numerator_key, denominator_key, max_value FROM (SELECT period_start AS period_key, stratum AS stratum0, numerator, denominator, numerator_people, denominator_people, 0::BIGINT AS numerator_key, denominator_key, max_value
          FROM mart.top_share_cells WHERE measure_id = $1 AND dimension = $2) AS cells ORDER BY period_key, stratum0 COLLATE "C";

-- 11. top share, yearly by race × sex (stored as sex × race), cells
-- values: ["top-5-percent-cost-share","sex","race"]
SELECT to_char(period_key, 'YYYY') AS period, stratum0, stratum1, numerator, denominator, numerator_people, denominator_people, numerator_key, denominator_key, max_value FROM (SELECT period_start AS period_key, stratum1 AS stratum0, stratum0 AS stratum1,
                 numerator, denominator, numerator_people, denominator_people, 0::BIGINT AS numerator_key, denominator_key, max_value
          FROM mart.top_share_pair_cells WHERE measure_id = $1 AND dimension0 = $2 AND dimension1 = $3) AS cells ORDER BY period_key, stratum0 COLLATE "C", stratum1 COLLATE "C";
