-- cost-pmpm-wellness: by sex, period year, filter payer = 'Medicaid'.
-- Regenerate on purpose: UPDATE_GOLDEN=1 npx vitest run tests/unit/measure-sql-dialects.test.ts

-- 1. Over the person rows, the filter a bound value
-- values: ["Medicaid"]
SELECT strftime(period_key, '%Y') AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, sex AS stratum0, sum(cost_wellness)::DOUBLE AS numerator, sum(member_months)::DOUBLE AS denominator, sum((cost_wellness) * (cost_wellness))::DOUBLE AS sum_yy, sum((member_months) * (member_months))::DOUBLE AS sum_xx, sum((member_months) * (cost_wellness))::DOUBLE AS sum_xy, count(*)::BIGINT AS n, (count(*) FILTER (WHERE cost_wellness > 0))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people, (coalesce(sum(record_key) FILTER (WHERE cost_wellness > 0), 0) % 4294967296)::BIGINT AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max(cost_wellness)::DOUBLE AS max_value FROM mart.person_year WHERE true AND payer = $1 GROUP BY ALL) ORDER BY ALL;

-- 2. As the server sends it (the filter a stratifier of the cross-table), over the pre-aggregated cells
-- values: ["cost-pmpm-wellness"]
SELECT strftime(period_key, '%Y') AS period, * EXCLUDE (period_key) FROM (SELECT period_start AS period_key, sex AS stratum0, payer AS stratum1, sum(numerator)::DOUBLE AS numerator, sum(denominator)::DOUBLE AS denominator, sum(sum_yy)::DOUBLE AS sum_yy, sum(sum_xx)::DOUBLE AS sum_xx, sum(sum_xy)::DOUBLE AS sum_xy, sum(n)::BIGINT AS n,
                 sum(numerator_people)::BIGINT AS numerator_people, sum(denominator_people)::BIGINT AS denominator_people, (coalesce(sum(numerator_key), 0) % 4294967296)::BIGINT AS numerator_key, (coalesce(sum(denominator_key), 0) % 4294967296)::BIGINT AS denominator_key, max(max_value)::DOUBLE AS max_value
          FROM mart.measure_cells_demographic WHERE measure_id = $1 AND true GROUP BY ALL) ORDER BY ALL;
