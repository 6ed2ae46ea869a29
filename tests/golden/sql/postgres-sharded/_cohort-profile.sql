-- A cohort characterization on sharded PostgreSQL (core/cohorts/build-profile-sql.ts), two members (person numbers 1 and 33), two condition groups.
-- Regenerate on purpose: UPDATE_GOLDEN=1 npx vitest run tests/unit/measure-sql-dialects.test.ts

-- 1. The index date, when the definition has none
-- values: []
SELECT to_char((SELECT max(latest)::DATE FROM (SELECT shard, max(start_ts) AS latest FROM core.encounter GROUP BY 1) AS shards), 'YYYY-MM-DD') AS index_date;

-- 2. Age band, sex and race
-- values: ["\\x0200000002000000","1939-12-31","1949-12-31","1959-12-31","1974-12-31","1989-12-31","2006-12-31"]
WITH partials AS (SELECT shard, age_band, sex, race, count(*) AS n, sum(record_key) AS key FROM (
      SELECT shard, CASE WHEN age_90_plus THEN '85+' WHEN birth_date IS NULL THEN 'unknown' WHEN birth_date <= $2::date THEN '85+' WHEN birth_date <= $3::date THEN '75-84' WHEN birth_date <= $4::date THEN '65-74' WHEN birth_date <= $5::date THEN '50-64' WHEN birth_date <= $6::date THEN '35-49' WHEN birth_date <= $7::date THEN '18-34' ELSE '0-17' END AS age_band, sex, race, record_key
      FROM core.person WHERE get_bit($1::bytea, person_number) = 1) AS people GROUP BY 1, 2, 3, 4)
SELECT 'ageBand' AS breakdown, coalesce(age_band, 'unknown') AS value, sum(n)::bigint AS n, (coalesce(sum(key), 0) % 4294967296)::bigint AS key FROM partials GROUP BY 2
UNION ALL SELECT 'sex' AS breakdown, coalesce(sex, 'unknown') AS value, sum(n)::bigint AS n, (coalesce(sum(key), 0) % 4294967296)::bigint AS key FROM partials GROUP BY 2
UNION ALL SELECT 'race' AS breakdown, coalesce(race, 'unknown') AS value, sum(n)::bigint AS n, (coalesce(sum(key), 0) % 4294967296)::bigint AS key FROM partials GROUP BY 2;

-- 3. Condition groups and common diagnoses
-- values: ["\\x0200000002000000","2024-12-31","{\"44054006\",\"46635009\",\"59621000\"}","{\"44054006\",\"46635009\"}","diabetes","{\"59621000\"}","hypertension"]
SELECT * FROM (SELECT 'group' AS kind, NULL::text AS system, grp AS code, sum(n)::bigint AS n, (coalesce(sum(key), 0) % 4294967296)::bigint AS key FROM (SELECT shard, grp, count(DISTINCT person_number) AS n,
  sum(DISTINCT person_number::numeric * 4294967296 + record_key) AS key FROM (SELECT shard, CASE WHEN code = ANY($4::text[]) THEN $5 WHEN code = ANY($6::text[]) THEN $7 END AS grp, person_number, record_key
      FROM core.condition WHERE get_bit($1::bytea, person_number) = 1 AND start_date <= $2::date AND code = ANY($3::text[])) AS coded GROUP BY 1, 2) AS group_partials GROUP BY grp
UNION ALL SELECT 'diagnosis', system, code, sum(n)::bigint AS n, (coalesce(sum(key), 0) % 4294967296)::bigint AS key FROM (SELECT shard, system, code, count(DISTINCT person_number) AS n,
  sum(DISTINCT person_number::numeric * 4294967296 + record_key) AS key FROM core.condition
        WHERE get_bit($1::bytea, person_number) = 1 AND start_date <= $2::date AND (code = ANY($3::text[]) OR description IS NULL OR NOT (description LIKE '%(finding)' OR description LIKE '%(situation)')) GROUP BY 1, 2, 3) AS common_partials GROUP BY system, code) AS diagnoses
ORDER BY kind, n DESC, system COLLATE "C", code COLLATE "C";

-- 4. Cost PMPM over the latest year
-- values: ["\\x0200000002000000"]
WITH latest AS (SELECT max(latest) AS start FROM (SELECT shard, max(period_start) AS latest FROM mart.person_year GROUP BY 1) AS years)
          SELECT (SELECT to_char(start, 'YYYY') FROM latest) AS year,
                 coalesce(sum(n), 0)::bigint AS n, coalesce(sum(numerator_people), 0)::bigint AS numerator_people,
                 coalesce(sum(numerator), 0)::double precision AS y, coalesce(sum(denominator), 0)::double precision AS x, coalesce(sum(sum_yy), 0)::double precision AS yy,
                 coalesce(sum(sum_xx), 0)::double precision AS xx, coalesce(sum(sum_xy), 0)::double precision AS xy,
                 (coalesce(sum(numerator_key), 0) % 4294967296)::bigint AS numerator_key, (coalesce(sum(denominator_key), 0) % 4294967296)::bigint AS denominator_key,
                 coalesce(max(max_value), 0)::double precision AS max_value
          FROM (SELECT shard, sum(cost)::double precision AS numerator, sum(member_months)::double precision AS denominator, sum((cost) * (cost))::double precision AS sum_yy, sum((member_months) * (member_months))::double precision AS sum_xx, sum((member_months) * (cost))::double precision AS sum_xy, count(*)::bigint AS n, (count(*) FILTER (WHERE cost > 0))::bigint AS numerator_people, (count(*))::bigint AS denominator_people, (coalesce(sum(record_key) FILTER (WHERE cost > 0), 0) % 4294967296)::bigint AS numerator_key, (coalesce(sum(record_key), 0) % 4294967296)::bigint AS denominator_key, max(cost)::double precision AS max_value
    FROM mart.person_year WHERE get_bit($1::bytea, person_number) = 1 AND period_start = (SELECT start FROM latest) GROUP BY 1) AS partials;

-- 5. The descriptions 11 or more people share
-- values: [11,"{\"SNOMED\"}","{\"44054006\"}"]
SELECT DISTINCT ON (system, code) system, code, description FROM (
            SELECT system, code, description, sum(people) AS people FROM (SELECT shard, system, code, description, count(DISTINCT person_id) AS people FROM core.condition
      WHERE code = ANY($3::text[]) AND system = ANY($2::text[]) AND description IS NOT NULL GROUP BY 1, 2, 3, 4) AS partials
            GROUP BY system, code, description HAVING sum(people) >= $1) AS shared
          ORDER BY system, code, people DESC, description COLLATE "C";
