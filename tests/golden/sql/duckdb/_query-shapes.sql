-- 1. quarterly, two stratifiers, person rows
-- values: []
SELECT strftime(period_key, '%Y') || '-Q' || quarter(period_key) AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, age_band AS stratum0, race AS stratum1, (count(*) FILTER (WHERE new_diabetes))::DOUBLE AS numerator, (sum(coalesce(months_to_onset_diabetes, member_months)) / 12)::DOUBLE AS denominator, (count(*) FILTER (WHERE new_diabetes))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people, (coalesce(sum(record_key) FILTER (WHERE new_diabetes), 0) % 4294967296)::BIGINT AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key FROM mart.person_quarter WHERE true AND ((onset_diabetes IS NULL OR onset_diabetes >= period_start)) GROUP BY ALL) ORDER BY ALL;

-- 2. monthly, one filter, person rows
-- values: ["O'Brien County"]
SELECT strftime(period_key, '%Y-%m') AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, sum(cost)::DOUBLE AS numerator, sum(member_months)::DOUBLE AS denominator, sum((cost) * (cost))::DOUBLE AS sum_yy, sum((member_months) * (member_months))::DOUBLE AS sum_xx, sum((member_months) * (cost))::DOUBLE AS sum_xy, count(*)::BIGINT AS n, (count(*) FILTER (WHERE cost > 0))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people, (coalesce(sum(record_key) FILTER (WHERE cost > 0), 0) % 4294967296)::BIGINT AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max(cost)::DOUBLE AS max_value FROM mart.person_month WHERE true AND county = $1 GROUP BY ALL) ORDER BY ALL;

-- 3. quarterly by sex (age standardization), quarter cells
-- values: ["diabetes-incidence"]
SELECT strftime(period_key, '%Y') || '-Q' || quarter(period_key) AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, sex AS stratum0, std_age_group AS age_group, sum(numerator)::DOUBLE AS numerator, sum(denominator)::DOUBLE AS denominator, 
                 sum(numerator_people)::BIGINT AS numerator_people, sum(denominator_people)::BIGINT AS denominator_people, (coalesce(sum(numerator_key), 0) % 4294967296)::BIGINT AS numerator_key, (coalesce(sum(denominator_key), 0) % 4294967296)::BIGINT AS denominator_key
          FROM mart.measure_cells_demographic_quarter WHERE measure_id = $1 AND true GROUP BY ALL) ORDER BY ALL;

-- 4. quarterly by organization, one filter, quarter cells
-- values: ["F","cost-pmpm"]
SELECT strftime(period_key, '%Y') || '-Q' || quarter(period_key) AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, organization AS stratum0, sum(numerator)::DOUBLE AS numerator, sum(denominator)::DOUBLE AS denominator, sum(sum_yy)::DOUBLE AS sum_yy, sum(sum_xx)::DOUBLE AS sum_xx, sum(sum_xy)::DOUBLE AS sum_xy, sum(n)::BIGINT AS n,
                 sum(numerator_people)::BIGINT AS numerator_people, sum(denominator_people)::BIGINT AS denominator_people, (coalesce(sum(numerator_key), 0) % 4294967296)::BIGINT AS numerator_key, (coalesce(sum(denominator_key), 0) % 4294967296)::BIGINT AS denominator_key, max(max_value)::DOUBLE AS max_value
          FROM mart.measure_cells_organization_quarter WHERE measure_id = $2 AND true AND sex = $1 GROUP BY ALL) ORDER BY ALL;

-- 5. whole span (period all), by payer, cells
-- values: ["cost-pmpm"]
SELECT 'all' AS period, * EXCLUDE (period_key) FROM (SELECT NULL::DATE AS period_key, payer AS stratum0, sum(numerator)::DOUBLE AS numerator, sum(denominator)::DOUBLE AS denominator, sum(sum_yy)::DOUBLE AS sum_yy, sum(sum_xx)::DOUBLE AS sum_xx, sum(sum_xy)::DOUBLE AS sum_xy, sum(n)::BIGINT AS n,
                 sum(numerator_people)::BIGINT AS numerator_people, sum(denominator_people)::BIGINT AS denominator_people, (coalesce(sum(numerator_key), 0) % 4294967296)::BIGINT AS numerator_key, (coalesce(sum(denominator_key), 0) % 4294967296)::BIGINT AS denominator_key, max(max_value)::DOUBLE AS max_value
          FROM mart.measure_cells_demographic WHERE measure_id = $1 AND true GROUP BY ALL) ORDER BY ALL;

-- 6. yearly by standard age group (age standardization), cells
-- values: ["diabetes-incidence"]
SELECT strftime(period_key, '%Y') AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, sex AS stratum0, std_age_group AS age_group, sum(numerator)::DOUBLE AS numerator, sum(denominator)::DOUBLE AS denominator, 
                 sum(numerator_people)::BIGINT AS numerator_people, sum(denominator_people)::BIGINT AS denominator_people, (coalesce(sum(numerator_key), 0) % 4294967296)::BIGINT AS numerator_key, (coalesce(sum(denominator_key), 0) % 4294967296)::BIGINT AS denominator_key
          FROM mart.measure_cells_demographic WHERE measure_id = $1 AND true GROUP BY ALL) ORDER BY ALL;

-- 7. yearly, a saved cohort with a filter (parameters renumbered), person rows
-- values: ["Medicare","F"]
SELECT strftime(period_key, '%Y') AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, sex AS stratum0, (count(*) FILTER (WHERE new_diabetes))::DOUBLE AS numerator, (sum(coalesce(months_to_onset_diabetes, member_months)) / 12)::DOUBLE AS denominator, (count(*) FILTER (WHERE new_diabetes))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people, (coalesce(sum(record_key) FILTER (WHERE new_diabetes), 0) % 4294967296)::BIGINT AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key FROM mart.person_year WHERE true AND payer = $1 AND person_id IN (SELECT person_id FROM mart.person_period WHERE sex = $2 AND has_diabetes) AND ((onset_diabetes IS NULL OR onset_diabetes >= period_start)) GROUP BY ALL) ORDER BY ALL;

-- 8. top share, quarterly by county, person rows (window form)
-- values: []
SELECT strftime(period_key, '%Y') || '-Q' || quarter(period_key) AS period, * EXCLUDE (period_key) FROM (WITH base AS (SELECT period_start AS period_key, county AS stratum0, record_key, (cost)::DOUBLE AS v FROM mart.person_quarter WHERE true),
          ranked AS (SELECT *, row_number() OVER (PARTITION BY period_key, stratum0 ORDER BY v DESC) <= ceil(0.05 * count(*) OVER (PARTITION BY period_key, stratum0)) AS in_top FROM base)
          SELECT period_key, stratum0, (sum(v) FILTER (WHERE in_top))::DOUBLE AS numerator, sum(v)::DOUBLE AS denominator, (count(*) FILTER (WHERE in_top))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                  0::BIGINT AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key,
                 max(v)::DOUBLE AS max_value
          FROM ranked GROUP BY ALL) ORDER BY ALL;

-- 9. top share, yearly, whole population, cells
-- values: ["top-5-percent-cost-share",""]
SELECT strftime(period_key, '%Y') AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, numerator, denominator, numerator_people, denominator_people, 0::BIGINT AS numerator_key, denominator_key, max_value
          FROM mart.top_share_cells WHERE measure_id = $1 AND dimension = $2) ORDER BY ALL;

-- 10. top share, yearly by organization, cells
-- values: ["top-5-percent-cost-share","organization"]
SELECT strftime(period_key, '%Y') AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, stratum AS stratum0, numerator, denominator, numerator_people, denominator_people, 0::BIGINT AS numerator_key, denominator_key, max_value
          FROM mart.top_share_cells WHERE measure_id = $1 AND dimension = $2) ORDER BY ALL;

-- 11. top share, yearly by race × sex (stored as sex × race), cells
-- values: ["top-5-percent-cost-share","sex","race"]
SELECT strftime(period_key, '%Y') AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, stratum1 AS stratum0, stratum0 AS stratum1,
                 numerator, denominator, numerator_people, denominator_people, 0::BIGINT AS numerator_key, denominator_key, max_value
          FROM mart.top_share_pair_cells WHERE measure_id = $1 AND dimension0 = $2 AND dimension1 = $3) ORDER BY ALL;

-- 12. top share by heap (the load), yearly by payer, 40 largest kept
-- values: []
SELECT period_start AS period_key, payer AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 40), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM mart.person_year WHERE true GROUP BY ALL;
