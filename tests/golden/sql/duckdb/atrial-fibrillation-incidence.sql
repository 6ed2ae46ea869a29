-- atrial-fibrillation-incidence: by sex, period year, filter payer = 'Medicaid'.
-- Regenerate on purpose: UPDATE_GOLDEN=1 npx vitest run tests/unit/measure-sql-dialects.test.ts

-- 1. Over the person rows, the filter a bound value
-- values: ["Medicaid"]
SELECT strftime(period_key, '%Y') AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, sex AS stratum0, (count(*) FILTER (WHERE new_atrial_fibrillation))::DOUBLE AS numerator, (sum(coalesce(months_to_onset_atrial_fibrillation, member_months)) / 12)::DOUBLE AS denominator, (count(*) FILTER (WHERE new_atrial_fibrillation))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people, (coalesce(sum(record_key) FILTER (WHERE new_atrial_fibrillation), 0) % 4294967296)::BIGINT AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key FROM mart.person_year WHERE true AND payer = $1 AND ((onset_atrial_fibrillation IS NULL OR onset_atrial_fibrillation >= period_start)) GROUP BY ALL) ORDER BY ALL;

-- 2. As the server sends it (the filter a stratifier of the cross-table), over the pre-aggregated cells
-- values: ["atrial-fibrillation-incidence"]
SELECT strftime(period_key, '%Y') AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, sex AS stratum0, payer AS stratum1, sum(numerator)::DOUBLE AS numerator, sum(denominator)::DOUBLE AS denominator, 
                 sum(numerator_people)::BIGINT AS numerator_people, sum(denominator_people)::BIGINT AS denominator_people, (coalesce(sum(numerator_key), 0) % 4294967296)::BIGINT AS numerator_key, (coalesce(sum(denominator_key), 0) % 4294967296)::BIGINT AS denominator_key
          FROM mart.measure_cells_demographic WHERE measure_id = $1 AND true GROUP BY ALL) ORDER BY ALL;
