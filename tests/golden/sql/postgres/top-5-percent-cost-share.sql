-- top-5-percent-cost-share: by sex, period year, filter payer = 'Medicaid'.
-- Regenerate on purpose: UPDATE_GOLDEN=1 npx vitest run tests/unit/measure-sql-dialects.test.ts

-- 1. Over the person rows, the filter a bound value
-- values: ["Medicaid"]
SELECT to_char(period_key, 'YYYY') AS period, stratum0, numerator, denominator, numerator_people, denominator_people, numerator_key, denominator_key, max_value FROM (WITH base AS (SELECT period_start AS period_key, sex AS stratum0, record_key, (cost)::double precision AS v FROM mart.person_year WHERE true AND payer = $1),
          ranked AS (SELECT *, row_number() OVER (PARTITION BY period_key, stratum0 ORDER BY v DESC) <= ceil(0.05 * count(*) OVER (PARTITION BY period_key, stratum0)) AS in_top FROM base)
          SELECT period_key, stratum0, (sum(v) FILTER (WHERE in_top))::double precision AS numerator, sum(v)::double precision AS denominator, (count(*) FILTER (WHERE in_top))::bigint AS numerator_people, (count(*))::bigint AS denominator_people,
                  0::bigint AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::bigint AS denominator_key,
                 max(v)::double precision AS max_value
          FROM ranked GROUP BY 1, 2) AS cells ORDER BY period_key, stratum0 COLLATE "C";

-- 2. As the server sends it (the filter a stratifier of the cross-table), over the pre-aggregated cells
-- values: ["top-5-percent-cost-share","sex","payer"]
SELECT to_char(period_key, 'YYYY') AS period, stratum0, stratum1, numerator, denominator, numerator_people, denominator_people, numerator_key, denominator_key, max_value FROM (SELECT period_start AS period_key, stratum0, stratum1,
                 numerator, denominator, numerator_people, denominator_people, 0::BIGINT AS numerator_key, denominator_key, max_value
          FROM mart.top_share_pair_cells WHERE measure_id = $1 AND dimension0 = $2 AND dimension1 = $3) AS cells ORDER BY period_key, stratum0 COLLATE "C", stratum1 COLLATE "C";
