-- stroke-incidence: by sex, period year, filter payer = 'Medicaid'.
-- Regenerate on purpose: UPDATE_GOLDEN=1 npx vitest run tests/unit/measure-sql-dialects.test.ts

-- 1. Over the person rows, the filter a bound value
-- values: ["Medicaid"]
SELECT to_char(period_key, 'YYYY') AS period, stratum0, numerator, denominator, numerator_people, denominator_people, numerator_key, denominator_key FROM (SELECT period_start AS period_key, sex AS stratum0, (count(*) FILTER (WHERE new_stroke))::double precision AS numerator, (sum(coalesce(months_to_onset_stroke, member_months)) / 12)::double precision AS denominator, (count(*) FILTER (WHERE new_stroke))::bigint AS numerator_people, (count(*))::bigint AS denominator_people, (coalesce(sum(record_key) FILTER (WHERE new_stroke), 0) % 4294967296)::bigint AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::bigint AS denominator_key FROM mart.person_year WHERE true AND payer = $1 AND ((onset_stroke IS NULL OR onset_stroke >= period_start)) GROUP BY 1, 2) AS cells ORDER BY period_key, stratum0 COLLATE "C";

-- 2. As the server sends it (the filter a stratifier of the cross-table), over the pre-aggregated cells
-- values: ["stroke-incidence"]
SELECT to_char(period_key, 'YYYY') AS period, stratum0, stratum1, numerator, denominator, numerator_people, denominator_people, numerator_key, denominator_key FROM (SELECT period_start AS period_key, sex AS stratum0, payer AS stratum1, sum(numerator)::double precision AS numerator, sum(denominator)::double precision AS denominator, 
                 sum(numerator_people)::bigint AS numerator_people, sum(denominator_people)::bigint AS denominator_people, (coalesce(sum(numerator_key), 0) % 4294967296)::bigint AS numerator_key, (coalesce(sum(denominator_key), 0) % 4294967296)::bigint AS denominator_key
          FROM mart.measure_cells_demographic WHERE measure_id = $1 AND true GROUP BY 1, 2, 3) AS cells ORDER BY period_key, stratum0 COLLATE "C", stratum1 COLLATE "C";
