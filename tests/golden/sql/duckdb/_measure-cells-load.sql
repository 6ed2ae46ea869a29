CREATE TABLE wh.mart.measure_cells_demographic (measure_id VARCHAR, period_start DATE,
       sex VARCHAR, age_band VARCHAR, std_age_group VARCHAR, race VARCHAR, ethnicity VARCHAR, payer VARCHAR, county VARCHAR, zip3 VARCHAR,
       numerator DOUBLE, denominator DOUBLE, numerator_people BIGINT, denominator_people BIGINT, numerator_key BIGINT, denominator_key BIGINT, sum_yy DOUBLE, sum_xx DOUBLE, sum_xy DOUBLE, n BIGINT, max_value DOUBLE);

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE has_diabetes))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE has_diabetes))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_diabetes), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key,
              (count(*) FILTER (WHERE has_hypertension))::DOUBLE AS m1_numerator,
              (count(*))::DOUBLE AS m1_denominator,
              (count(*) FILTER (WHERE has_hypertension))::BIGINT AS m1_numerator_people,
              (count(*))::BIGINT AS m1_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_hypertension), 0) % 4294967296)::BIGINT AS m1_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m1_denominator_key,
              (count(*) FILTER (WHERE has_hyperlipidemia))::DOUBLE AS m2_numerator,
              (count(*))::DOUBLE AS m2_denominator,
              (count(*) FILTER (WHERE has_hyperlipidemia))::BIGINT AS m2_numerator_people,
              (count(*))::BIGINT AS m2_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_hyperlipidemia), 0) % 4294967296)::BIGINT AS m2_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m2_denominator_key,
              (count(*) FILTER (WHERE has_asthma))::DOUBLE AS m3_numerator,
              (count(*))::DOUBLE AS m3_denominator,
              (count(*) FILTER (WHERE has_asthma))::BIGINT AS m3_numerator_people,
              (count(*))::BIGINT AS m3_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_asthma), 0) % 4294967296)::BIGINT AS m3_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m3_denominator_key,
              (count(*) FILTER (WHERE has_copd))::DOUBLE AS m4_numerator,
              (count(*))::DOUBLE AS m4_denominator,
              (count(*) FILTER (WHERE has_copd))::BIGINT AS m4_numerator_people,
              (count(*))::BIGINT AS m4_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_copd), 0) % 4294967296)::BIGINT AS m4_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m4_denominator_key,
              (count(*) FILTER (WHERE has_heart_failure))::DOUBLE AS m5_numerator,
              (count(*))::DOUBLE AS m5_denominator,
              (count(*) FILTER (WHERE has_heart_failure))::BIGINT AS m5_numerator_people,
              (count(*))::BIGINT AS m5_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_heart_failure), 0) % 4294967296)::BIGINT AS m5_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m5_denominator_key,
              (count(*) FILTER (WHERE has_ckd))::DOUBLE AS m6_numerator,
              (count(*))::DOUBLE AS m6_denominator,
              (count(*) FILTER (WHERE has_ckd))::BIGINT AS m6_numerator_people,
              (count(*))::BIGINT AS m6_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_ckd), 0) % 4294967296)::BIGINT AS m6_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m6_denominator_key,
              (count(*) FILTER (WHERE has_depression))::DOUBLE AS m7_numerator,
              (count(*))::DOUBLE AS m7_denominator,
              (count(*) FILTER (WHERE has_depression))::BIGINT AS m7_numerator_people,
              (count(*))::BIGINT AS m7_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_depression), 0) % 4294967296)::BIGINT AS m7_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m7_denominator_key,
              (count(*) FILTER (WHERE has_obesity))::DOUBLE AS m8_numerator,
              (count(*))::DOUBLE AS m8_denominator,
              (count(*) FILTER (WHERE has_obesity))::BIGINT AS m8_numerator_people,
              (count(*))::BIGINT AS m8_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_obesity), 0) % 4294967296)::BIGINT AS m8_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m8_denominator_key,
              (count(*) FILTER (WHERE has_cad))::DOUBLE AS m9_numerator,
              (count(*))::DOUBLE AS m9_denominator,
              (count(*) FILTER (WHERE has_cad))::BIGINT AS m9_numerator_people,
              (count(*))::BIGINT AS m9_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_cad), 0) % 4294967296)::BIGINT AS m9_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m9_denominator_key,
              (count(*) FILTER (WHERE has_atrial_fibrillation))::DOUBLE AS m10_numerator,
              (count(*))::DOUBLE AS m10_denominator,
              (count(*) FILTER (WHERE has_atrial_fibrillation))::BIGINT AS m10_numerator_people,
              (count(*))::BIGINT AS m10_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_atrial_fibrillation), 0) % 4294967296)::BIGINT AS m10_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m10_denominator_key,
              (count(*) FILTER (WHERE has_osteoarthritis))::DOUBLE AS m11_numerator,
              (count(*))::DOUBLE AS m11_denominator,
              (count(*) FILTER (WHERE has_osteoarthritis))::BIGINT AS m11_numerator_people,
              (count(*))::BIGINT AS m11_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_osteoarthritis), 0) % 4294967296)::BIGINT AS m11_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m11_denominator_key,
              (count(*) FILTER (WHERE has_stroke))::DOUBLE AS m12_numerator,
              (count(*))::DOUBLE AS m12_denominator,
              (count(*) FILTER (WHERE has_stroke))::BIGINT AS m12_numerator_people,
              (count(*))::BIGINT AS m12_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_stroke), 0) % 4294967296)::BIGINT AS m12_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m12_denominator_key,
              (sum(ed_visits))::DOUBLE AS m13_numerator,
              (sum(member_months) / 12)::DOUBLE AS m13_denominator,
              (count(*) FILTER (WHERE ed_visits > 0))::BIGINT AS m13_numerator_people,
              (count(*))::BIGINT AS m13_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE ed_visits > 0), 0) % 4294967296)::BIGINT AS m13_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m13_denominator_key,
              (sum(inpatient_admits))::DOUBLE AS m14_numerator,
              (sum(member_months) / 12)::DOUBLE AS m14_denominator,
              (count(*) FILTER (WHERE inpatient_admits > 0))::BIGINT AS m14_numerator_people,
              (count(*))::BIGINT AS m14_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE inpatient_admits > 0), 0) % 4294967296)::BIGINT AS m14_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m14_denominator_key,
              (sum(readmissions_30d))::DOUBLE AS m15_numerator,
              (sum(index_discharges))::DOUBLE AS m15_denominator,
              (count(*) FILTER (WHERE readmissions_30d > 0))::BIGINT AS m15_numerator_people,
              (count(*) FILTER (WHERE index_discharges > 0))::BIGINT AS m15_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE readmissions_30d > 0), 0) % 4294967296)::BIGINT AS m15_numerator_key,
              (coalesce(sum(record_key) FILTER (WHERE index_discharges > 0), 0) % 4294967296)::BIGINT AS m15_denominator_key,
              sum(inpatient_days)::DOUBLE AS m16_numerator,
              sum(inpatient_discharges)::DOUBLE AS m16_denominator,
              sum((inpatient_days) * (inpatient_days))::DOUBLE AS m16_sum_yy,
              sum((inpatient_discharges) * (inpatient_discharges))::DOUBLE AS m16_sum_xx,
              sum((inpatient_discharges) * (inpatient_days))::DOUBLE AS m16_sum_xy,
              count(*)::BIGINT AS m16_n,
              (count(*) FILTER (WHERE inpatient_discharges > 0))::BIGINT AS m16_numerator_people,
              (count(*) FILTER (WHERE inpatient_discharges > 0))::BIGINT AS m16_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE inpatient_discharges > 0), 0) % 4294967296)::BIGINT AS m16_numerator_key,
              (coalesce(sum(record_key) FILTER (WHERE inpatient_discharges > 0), 0) % 4294967296)::BIGINT AS m16_denominator_key,
              max(inpatient_days)::DOUBLE AS m16_max_value,
              (count(*) FILTER (WHERE died))::DOUBLE AS m17_numerator,
              (sum(member_months) / 12)::DOUBLE AS m17_denominator,
              (count(*) FILTER (WHERE died))::BIGINT AS m17_numerator_people,
              (count(*))::BIGINT AS m17_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE died), 0) % 4294967296)::BIGINT AS m17_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m17_denominator_key,
              (count(*) FILTER (WHERE flu_vaccinations > 0))::DOUBLE AS m18_numerator,
              (count(*))::DOUBLE AS m18_denominator,
              (count(*) FILTER (WHERE flu_vaccinations > 0))::BIGINT AS m18_numerator_people,
              (count(*))::BIGINT AS m18_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE flu_vaccinations > 0), 0) % 4294967296)::BIGINT AS m18_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m18_denominator_key,
              (count(*) FILTER (WHERE wellness_visits > 0))::DOUBLE AS m19_numerator,
              (count(*))::DOUBLE AS m19_denominator,
              (count(*) FILTER (WHERE wellness_visits > 0))::BIGINT AS m19_numerator_people,
              (count(*))::BIGINT AS m19_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE wellness_visits > 0), 0) % 4294967296)::BIGINT AS m19_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m19_denominator_key,
              sum(cost)::DOUBLE AS m20_numerator,
              sum(member_months)::DOUBLE AS m20_denominator,
              sum((cost) * (cost))::DOUBLE AS m20_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m20_sum_xx,
              sum((member_months) * (cost))::DOUBLE AS m20_sum_xy,
              count(*)::BIGINT AS m20_n,
              (count(*) FILTER (WHERE cost > 0))::BIGINT AS m20_numerator_people,
              (count(*))::BIGINT AS m20_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost > 0), 0) % 4294967296)::BIGINT AS m20_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m20_denominator_key,
              max(cost)::DOUBLE AS m20_max_value,
              sum(cost_inpatient)::DOUBLE AS m21_numerator,
              sum(member_months)::DOUBLE AS m21_denominator,
              sum((cost_inpatient) * (cost_inpatient))::DOUBLE AS m21_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m21_sum_xx,
              sum((member_months) * (cost_inpatient))::DOUBLE AS m21_sum_xy,
              count(*)::BIGINT AS m21_n,
              (count(*) FILTER (WHERE cost_inpatient > 0))::BIGINT AS m21_numerator_people,
              (count(*))::BIGINT AS m21_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_inpatient > 0), 0) % 4294967296)::BIGINT AS m21_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m21_denominator_key,
              max(cost_inpatient)::DOUBLE AS m21_max_value,
              sum(cost_emergency)::DOUBLE AS m22_numerator,
              sum(member_months)::DOUBLE AS m22_denominator,
              sum((cost_emergency) * (cost_emergency))::DOUBLE AS m22_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m22_sum_xx,
              sum((member_months) * (cost_emergency))::DOUBLE AS m22_sum_xy,
              count(*)::BIGINT AS m22_n,
              (count(*) FILTER (WHERE cost_emergency > 0))::BIGINT AS m22_numerator_people,
              (count(*))::BIGINT AS m22_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_emergency > 0), 0) % 4294967296)::BIGINT AS m22_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m22_denominator_key,
              max(cost_emergency)::DOUBLE AS m22_max_value,
              sum(cost_ambulatory)::DOUBLE AS m23_numerator,
              sum(member_months)::DOUBLE AS m23_denominator,
              sum((cost_ambulatory) * (cost_ambulatory))::DOUBLE AS m23_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m23_sum_xx,
              sum((member_months) * (cost_ambulatory))::DOUBLE AS m23_sum_xy,
              count(*)::BIGINT AS m23_n,
              (count(*) FILTER (WHERE cost_ambulatory > 0))::BIGINT AS m23_numerator_people,
              (count(*))::BIGINT AS m23_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_ambulatory > 0), 0) % 4294967296)::BIGINT AS m23_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m23_denominator_key,
              max(cost_ambulatory)::DOUBLE AS m23_max_value,
              sum(cost_wellness)::DOUBLE AS m24_numerator,
              sum(member_months)::DOUBLE AS m24_denominator,
              sum((cost_wellness) * (cost_wellness))::DOUBLE AS m24_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m24_sum_xx,
              sum((member_months) * (cost_wellness))::DOUBLE AS m24_sum_xy,
              count(*)::BIGINT AS m24_n,
              (count(*) FILTER (WHERE cost_wellness > 0))::BIGINT AS m24_numerator_people,
              (count(*))::BIGINT AS m24_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_wellness > 0), 0) % 4294967296)::BIGINT AS m24_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m24_denominator_key,
              max(cost_wellness)::DOUBLE AS m24_max_value
       FROM wh.mart.person_year WHERE true GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'diabetes-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'hypertension-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m1_numerator, m1_denominator, m1_numerator_people, m1_denominator_people, m1_numerator_key, m1_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'hyperlipidemia-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m2_numerator, m2_denominator, m2_numerator_people, m2_denominator_people, m2_numerator_key, m2_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'asthma-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m3_numerator, m3_denominator, m3_numerator_people, m3_denominator_people, m3_numerator_key, m3_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'copd-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m4_numerator, m4_denominator, m4_numerator_people, m4_denominator_people, m4_numerator_key, m4_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'heart-failure-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m5_numerator, m5_denominator, m5_numerator_people, m5_denominator_people, m5_numerator_key, m5_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'ckd-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m6_numerator, m6_denominator, m6_numerator_people, m6_denominator_people, m6_numerator_key, m6_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'depression-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m7_numerator, m7_denominator, m7_numerator_people, m7_denominator_people, m7_numerator_key, m7_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'obesity-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m8_numerator, m8_denominator, m8_numerator_people, m8_denominator_people, m8_numerator_key, m8_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cad-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m9_numerator, m9_denominator, m9_numerator_people, m9_denominator_people, m9_numerator_key, m9_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'atrial-fibrillation-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m10_numerator, m10_denominator, m10_numerator_people, m10_denominator_people, m10_numerator_key, m10_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'osteoarthritis-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m11_numerator, m11_denominator, m11_numerator_people, m11_denominator_people, m11_numerator_key, m11_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'stroke-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m12_numerator, m12_denominator, m12_numerator_people, m12_denominator_people, m12_numerator_key, m12_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'ed-visits-per-1000', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m13_numerator, m13_denominator, m13_numerator_people, m13_denominator_people, m13_numerator_key, m13_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'inpatient-admissions-per-1000', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m14_numerator, m14_denominator, m14_numerator_people, m14_denominator_people, m14_numerator_key, m14_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'readmission-30-day', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m15_numerator, m15_denominator, m15_numerator_people, m15_denominator_people, m15_numerator_key, m15_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'average-length-of-stay', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m16_numerator, m16_denominator, m16_numerator_people, m16_denominator_people, m16_numerator_key, m16_denominator_key, m16_sum_yy, m16_sum_xx, m16_sum_xy, m16_n, m16_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'mortality-per-1000', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m17_numerator, m17_denominator, m17_numerator_people, m17_denominator_people, m17_numerator_key, m17_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'flu-vaccination', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m18_numerator, m18_denominator, m18_numerator_people, m18_denominator_people, m18_numerator_key, m18_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'wellness-visit-rate', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m19_numerator, m19_denominator, m19_numerator_people, m19_denominator_people, m19_numerator_key, m19_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cost-pmpm', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m20_numerator, m20_denominator, m20_numerator_people, m20_denominator_people, m20_numerator_key, m20_denominator_key, m20_sum_yy, m20_sum_xx, m20_sum_xy, m20_n, m20_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cost-pmpm-inpatient', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m21_numerator, m21_denominator, m21_numerator_people, m21_denominator_people, m21_numerator_key, m21_denominator_key, m21_sum_yy, m21_sum_xx, m21_sum_xy, m21_n, m21_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cost-pmpm-emergency', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m22_numerator, m22_denominator, m22_numerator_people, m22_denominator_people, m22_numerator_key, m22_denominator_key, m22_sum_yy, m22_sum_xx, m22_sum_xy, m22_n, m22_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cost-pmpm-ambulatory', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m23_numerator, m23_denominator, m23_numerator_people, m23_denominator_people, m23_numerator_key, m23_denominator_key, m23_sum_yy, m23_sum_xx, m23_sum_xy, m23_n, m23_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cost-pmpm-wellness', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m24_numerator, m24_denominator, m24_numerator_people, m24_denominator_people, m24_numerator_key, m24_denominator_key, m24_sum_yy, m24_sum_xx, m24_sum_xy, m24_n, m24_max_value
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE last_hba1c < 8.0))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE last_hba1c < 8.0))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE last_hba1c < 8.0), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key,
              (count(*) FILTER (WHERE last_hba1c > 9.0 OR last_hba1c IS NULL))::DOUBLE AS m1_numerator,
              (count(*))::DOUBLE AS m1_denominator,
              (count(*) FILTER (WHERE last_hba1c > 9.0 OR last_hba1c IS NULL))::BIGINT AS m1_numerator_people,
              (count(*))::BIGINT AS m1_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE last_hba1c > 9.0 OR last_hba1c IS NULL), 0) % 4294967296)::BIGINT AS m1_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m1_denominator_key
       FROM wh.mart.person_year WHERE has_diabetes AND age BETWEEN 18 AND 75 GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'hba1c-control', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'hba1c-poor-control', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m1_numerator, m1_denominator, m1_numerator_people, m1_denominator_people, m1_numerator_key, m1_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE last_systolic < 140 AND last_diastolic < 90))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE last_systolic < 140 AND last_diastolic < 90))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE last_systolic < 140 AND last_diastolic < 90), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE has_hypertension AND age BETWEEN 18 AND 85 GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'blood-pressure-control', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_diabetes))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_diabetes, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_diabetes))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_diabetes), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_diabetes IS NULL OR onset_diabetes >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'diabetes-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_hypertension))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_hypertension, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_hypertension))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_hypertension), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_hypertension IS NULL OR onset_hypertension >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'hypertension-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_hyperlipidemia))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_hyperlipidemia, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_hyperlipidemia))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_hyperlipidemia), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_hyperlipidemia IS NULL OR onset_hyperlipidemia >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'hyperlipidemia-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_asthma))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_asthma, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_asthma))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_asthma), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_asthma IS NULL OR onset_asthma >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'asthma-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_copd))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_copd, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_copd))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_copd), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_copd IS NULL OR onset_copd >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'copd-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_heart_failure))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_heart_failure, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_heart_failure))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_heart_failure), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_heart_failure IS NULL OR onset_heart_failure >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'heart-failure-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_ckd))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_ckd, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_ckd))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_ckd), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_ckd IS NULL OR onset_ckd >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'ckd-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_depression))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_depression, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_depression))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_depression), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_depression IS NULL OR onset_depression >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'depression-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_obesity))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_obesity, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_obesity))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_obesity), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_obesity IS NULL OR onset_obesity >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'obesity-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_cad))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_cad, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_cad))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_cad), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_cad IS NULL OR onset_cad >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cad-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_atrial_fibrillation))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_atrial_fibrillation, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_atrial_fibrillation))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_atrial_fibrillation), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_atrial_fibrillation IS NULL OR onset_atrial_fibrillation >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'atrial-fibrillation-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_osteoarthritis))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_osteoarthritis, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_osteoarthritis))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_osteoarthritis), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_osteoarthritis IS NULL OR onset_osteoarthritis >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'osteoarthritis-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_stroke))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_stroke, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_stroke))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_stroke), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_stroke IS NULL OR onset_stroke >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'stroke-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

DROP TABLE IF EXISTS cells_pass;

CREATE TABLE wh.mart.measure_cells_organization (measure_id VARCHAR, period_start DATE,
       organization VARCHAR, sex VARCHAR, age_band VARCHAR, std_age_group VARCHAR,
       numerator DOUBLE, denominator DOUBLE, numerator_people BIGINT, denominator_people BIGINT, numerator_key BIGINT, denominator_key BIGINT, sum_yy DOUBLE, sum_xx DOUBLE, sum_xy DOUBLE, n BIGINT, max_value DOUBLE);

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE has_diabetes))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE has_diabetes))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_diabetes), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key,
              (count(*) FILTER (WHERE has_hypertension))::DOUBLE AS m1_numerator,
              (count(*))::DOUBLE AS m1_denominator,
              (count(*) FILTER (WHERE has_hypertension))::BIGINT AS m1_numerator_people,
              (count(*))::BIGINT AS m1_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_hypertension), 0) % 4294967296)::BIGINT AS m1_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m1_denominator_key,
              (count(*) FILTER (WHERE has_hyperlipidemia))::DOUBLE AS m2_numerator,
              (count(*))::DOUBLE AS m2_denominator,
              (count(*) FILTER (WHERE has_hyperlipidemia))::BIGINT AS m2_numerator_people,
              (count(*))::BIGINT AS m2_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_hyperlipidemia), 0) % 4294967296)::BIGINT AS m2_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m2_denominator_key,
              (count(*) FILTER (WHERE has_asthma))::DOUBLE AS m3_numerator,
              (count(*))::DOUBLE AS m3_denominator,
              (count(*) FILTER (WHERE has_asthma))::BIGINT AS m3_numerator_people,
              (count(*))::BIGINT AS m3_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_asthma), 0) % 4294967296)::BIGINT AS m3_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m3_denominator_key,
              (count(*) FILTER (WHERE has_copd))::DOUBLE AS m4_numerator,
              (count(*))::DOUBLE AS m4_denominator,
              (count(*) FILTER (WHERE has_copd))::BIGINT AS m4_numerator_people,
              (count(*))::BIGINT AS m4_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_copd), 0) % 4294967296)::BIGINT AS m4_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m4_denominator_key,
              (count(*) FILTER (WHERE has_heart_failure))::DOUBLE AS m5_numerator,
              (count(*))::DOUBLE AS m5_denominator,
              (count(*) FILTER (WHERE has_heart_failure))::BIGINT AS m5_numerator_people,
              (count(*))::BIGINT AS m5_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_heart_failure), 0) % 4294967296)::BIGINT AS m5_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m5_denominator_key,
              (count(*) FILTER (WHERE has_ckd))::DOUBLE AS m6_numerator,
              (count(*))::DOUBLE AS m6_denominator,
              (count(*) FILTER (WHERE has_ckd))::BIGINT AS m6_numerator_people,
              (count(*))::BIGINT AS m6_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_ckd), 0) % 4294967296)::BIGINT AS m6_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m6_denominator_key,
              (count(*) FILTER (WHERE has_depression))::DOUBLE AS m7_numerator,
              (count(*))::DOUBLE AS m7_denominator,
              (count(*) FILTER (WHERE has_depression))::BIGINT AS m7_numerator_people,
              (count(*))::BIGINT AS m7_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_depression), 0) % 4294967296)::BIGINT AS m7_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m7_denominator_key,
              (count(*) FILTER (WHERE has_obesity))::DOUBLE AS m8_numerator,
              (count(*))::DOUBLE AS m8_denominator,
              (count(*) FILTER (WHERE has_obesity))::BIGINT AS m8_numerator_people,
              (count(*))::BIGINT AS m8_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_obesity), 0) % 4294967296)::BIGINT AS m8_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m8_denominator_key,
              (count(*) FILTER (WHERE has_cad))::DOUBLE AS m9_numerator,
              (count(*))::DOUBLE AS m9_denominator,
              (count(*) FILTER (WHERE has_cad))::BIGINT AS m9_numerator_people,
              (count(*))::BIGINT AS m9_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_cad), 0) % 4294967296)::BIGINT AS m9_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m9_denominator_key,
              (count(*) FILTER (WHERE has_atrial_fibrillation))::DOUBLE AS m10_numerator,
              (count(*))::DOUBLE AS m10_denominator,
              (count(*) FILTER (WHERE has_atrial_fibrillation))::BIGINT AS m10_numerator_people,
              (count(*))::BIGINT AS m10_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_atrial_fibrillation), 0) % 4294967296)::BIGINT AS m10_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m10_denominator_key,
              (count(*) FILTER (WHERE has_osteoarthritis))::DOUBLE AS m11_numerator,
              (count(*))::DOUBLE AS m11_denominator,
              (count(*) FILTER (WHERE has_osteoarthritis))::BIGINT AS m11_numerator_people,
              (count(*))::BIGINT AS m11_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_osteoarthritis), 0) % 4294967296)::BIGINT AS m11_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m11_denominator_key,
              (count(*) FILTER (WHERE has_stroke))::DOUBLE AS m12_numerator,
              (count(*))::DOUBLE AS m12_denominator,
              (count(*) FILTER (WHERE has_stroke))::BIGINT AS m12_numerator_people,
              (count(*))::BIGINT AS m12_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_stroke), 0) % 4294967296)::BIGINT AS m12_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m12_denominator_key,
              (sum(ed_visits))::DOUBLE AS m13_numerator,
              (sum(member_months) / 12)::DOUBLE AS m13_denominator,
              (count(*) FILTER (WHERE ed_visits > 0))::BIGINT AS m13_numerator_people,
              (count(*))::BIGINT AS m13_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE ed_visits > 0), 0) % 4294967296)::BIGINT AS m13_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m13_denominator_key,
              (sum(inpatient_admits))::DOUBLE AS m14_numerator,
              (sum(member_months) / 12)::DOUBLE AS m14_denominator,
              (count(*) FILTER (WHERE inpatient_admits > 0))::BIGINT AS m14_numerator_people,
              (count(*))::BIGINT AS m14_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE inpatient_admits > 0), 0) % 4294967296)::BIGINT AS m14_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m14_denominator_key,
              (sum(readmissions_30d))::DOUBLE AS m15_numerator,
              (sum(index_discharges))::DOUBLE AS m15_denominator,
              (count(*) FILTER (WHERE readmissions_30d > 0))::BIGINT AS m15_numerator_people,
              (count(*) FILTER (WHERE index_discharges > 0))::BIGINT AS m15_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE readmissions_30d > 0), 0) % 4294967296)::BIGINT AS m15_numerator_key,
              (coalesce(sum(record_key) FILTER (WHERE index_discharges > 0), 0) % 4294967296)::BIGINT AS m15_denominator_key,
              sum(inpatient_days)::DOUBLE AS m16_numerator,
              sum(inpatient_discharges)::DOUBLE AS m16_denominator,
              sum((inpatient_days) * (inpatient_days))::DOUBLE AS m16_sum_yy,
              sum((inpatient_discharges) * (inpatient_discharges))::DOUBLE AS m16_sum_xx,
              sum((inpatient_discharges) * (inpatient_days))::DOUBLE AS m16_sum_xy,
              count(*)::BIGINT AS m16_n,
              (count(*) FILTER (WHERE inpatient_discharges > 0))::BIGINT AS m16_numerator_people,
              (count(*) FILTER (WHERE inpatient_discharges > 0))::BIGINT AS m16_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE inpatient_discharges > 0), 0) % 4294967296)::BIGINT AS m16_numerator_key,
              (coalesce(sum(record_key) FILTER (WHERE inpatient_discharges > 0), 0) % 4294967296)::BIGINT AS m16_denominator_key,
              max(inpatient_days)::DOUBLE AS m16_max_value,
              (count(*) FILTER (WHERE died))::DOUBLE AS m17_numerator,
              (sum(member_months) / 12)::DOUBLE AS m17_denominator,
              (count(*) FILTER (WHERE died))::BIGINT AS m17_numerator_people,
              (count(*))::BIGINT AS m17_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE died), 0) % 4294967296)::BIGINT AS m17_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m17_denominator_key,
              (count(*) FILTER (WHERE flu_vaccinations > 0))::DOUBLE AS m18_numerator,
              (count(*))::DOUBLE AS m18_denominator,
              (count(*) FILTER (WHERE flu_vaccinations > 0))::BIGINT AS m18_numerator_people,
              (count(*))::BIGINT AS m18_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE flu_vaccinations > 0), 0) % 4294967296)::BIGINT AS m18_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m18_denominator_key,
              (count(*) FILTER (WHERE wellness_visits > 0))::DOUBLE AS m19_numerator,
              (count(*))::DOUBLE AS m19_denominator,
              (count(*) FILTER (WHERE wellness_visits > 0))::BIGINT AS m19_numerator_people,
              (count(*))::BIGINT AS m19_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE wellness_visits > 0), 0) % 4294967296)::BIGINT AS m19_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m19_denominator_key,
              sum(cost)::DOUBLE AS m20_numerator,
              sum(member_months)::DOUBLE AS m20_denominator,
              sum((cost) * (cost))::DOUBLE AS m20_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m20_sum_xx,
              sum((member_months) * (cost))::DOUBLE AS m20_sum_xy,
              count(*)::BIGINT AS m20_n,
              (count(*) FILTER (WHERE cost > 0))::BIGINT AS m20_numerator_people,
              (count(*))::BIGINT AS m20_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost > 0), 0) % 4294967296)::BIGINT AS m20_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m20_denominator_key,
              max(cost)::DOUBLE AS m20_max_value,
              sum(cost_inpatient)::DOUBLE AS m21_numerator,
              sum(member_months)::DOUBLE AS m21_denominator,
              sum((cost_inpatient) * (cost_inpatient))::DOUBLE AS m21_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m21_sum_xx,
              sum((member_months) * (cost_inpatient))::DOUBLE AS m21_sum_xy,
              count(*)::BIGINT AS m21_n,
              (count(*) FILTER (WHERE cost_inpatient > 0))::BIGINT AS m21_numerator_people,
              (count(*))::BIGINT AS m21_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_inpatient > 0), 0) % 4294967296)::BIGINT AS m21_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m21_denominator_key,
              max(cost_inpatient)::DOUBLE AS m21_max_value,
              sum(cost_emergency)::DOUBLE AS m22_numerator,
              sum(member_months)::DOUBLE AS m22_denominator,
              sum((cost_emergency) * (cost_emergency))::DOUBLE AS m22_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m22_sum_xx,
              sum((member_months) * (cost_emergency))::DOUBLE AS m22_sum_xy,
              count(*)::BIGINT AS m22_n,
              (count(*) FILTER (WHERE cost_emergency > 0))::BIGINT AS m22_numerator_people,
              (count(*))::BIGINT AS m22_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_emergency > 0), 0) % 4294967296)::BIGINT AS m22_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m22_denominator_key,
              max(cost_emergency)::DOUBLE AS m22_max_value,
              sum(cost_ambulatory)::DOUBLE AS m23_numerator,
              sum(member_months)::DOUBLE AS m23_denominator,
              sum((cost_ambulatory) * (cost_ambulatory))::DOUBLE AS m23_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m23_sum_xx,
              sum((member_months) * (cost_ambulatory))::DOUBLE AS m23_sum_xy,
              count(*)::BIGINT AS m23_n,
              (count(*) FILTER (WHERE cost_ambulatory > 0))::BIGINT AS m23_numerator_people,
              (count(*))::BIGINT AS m23_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_ambulatory > 0), 0) % 4294967296)::BIGINT AS m23_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m23_denominator_key,
              max(cost_ambulatory)::DOUBLE AS m23_max_value,
              sum(cost_wellness)::DOUBLE AS m24_numerator,
              sum(member_months)::DOUBLE AS m24_denominator,
              sum((cost_wellness) * (cost_wellness))::DOUBLE AS m24_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m24_sum_xx,
              sum((member_months) * (cost_wellness))::DOUBLE AS m24_sum_xy,
              count(*)::BIGINT AS m24_n,
              (count(*) FILTER (WHERE cost_wellness > 0))::BIGINT AS m24_numerator_people,
              (count(*))::BIGINT AS m24_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_wellness > 0), 0) % 4294967296)::BIGINT AS m24_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m24_denominator_key,
              max(cost_wellness)::DOUBLE AS m24_max_value
       FROM wh.mart.person_year WHERE true GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'diabetes-prevalence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'hypertension-prevalence', period_start, organization, sex, age_band, std_age_group, m1_numerator, m1_denominator, m1_numerator_people, m1_denominator_people, m1_numerator_key, m1_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'hyperlipidemia-prevalence', period_start, organization, sex, age_band, std_age_group, m2_numerator, m2_denominator, m2_numerator_people, m2_denominator_people, m2_numerator_key, m2_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'asthma-prevalence', period_start, organization, sex, age_band, std_age_group, m3_numerator, m3_denominator, m3_numerator_people, m3_denominator_people, m3_numerator_key, m3_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'copd-prevalence', period_start, organization, sex, age_band, std_age_group, m4_numerator, m4_denominator, m4_numerator_people, m4_denominator_people, m4_numerator_key, m4_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'heart-failure-prevalence', period_start, organization, sex, age_band, std_age_group, m5_numerator, m5_denominator, m5_numerator_people, m5_denominator_people, m5_numerator_key, m5_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'ckd-prevalence', period_start, organization, sex, age_band, std_age_group, m6_numerator, m6_denominator, m6_numerator_people, m6_denominator_people, m6_numerator_key, m6_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'depression-prevalence', period_start, organization, sex, age_band, std_age_group, m7_numerator, m7_denominator, m7_numerator_people, m7_denominator_people, m7_numerator_key, m7_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'obesity-prevalence', period_start, organization, sex, age_band, std_age_group, m8_numerator, m8_denominator, m8_numerator_people, m8_denominator_people, m8_numerator_key, m8_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cad-prevalence', period_start, organization, sex, age_band, std_age_group, m9_numerator, m9_denominator, m9_numerator_people, m9_denominator_people, m9_numerator_key, m9_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'atrial-fibrillation-prevalence', period_start, organization, sex, age_band, std_age_group, m10_numerator, m10_denominator, m10_numerator_people, m10_denominator_people, m10_numerator_key, m10_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'osteoarthritis-prevalence', period_start, organization, sex, age_band, std_age_group, m11_numerator, m11_denominator, m11_numerator_people, m11_denominator_people, m11_numerator_key, m11_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'stroke-prevalence', period_start, organization, sex, age_band, std_age_group, m12_numerator, m12_denominator, m12_numerator_people, m12_denominator_people, m12_numerator_key, m12_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'ed-visits-per-1000', period_start, organization, sex, age_band, std_age_group, m13_numerator, m13_denominator, m13_numerator_people, m13_denominator_people, m13_numerator_key, m13_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'inpatient-admissions-per-1000', period_start, organization, sex, age_band, std_age_group, m14_numerator, m14_denominator, m14_numerator_people, m14_denominator_people, m14_numerator_key, m14_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'readmission-30-day', period_start, organization, sex, age_band, std_age_group, m15_numerator, m15_denominator, m15_numerator_people, m15_denominator_people, m15_numerator_key, m15_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'average-length-of-stay', period_start, organization, sex, age_band, std_age_group, m16_numerator, m16_denominator, m16_numerator_people, m16_denominator_people, m16_numerator_key, m16_denominator_key, m16_sum_yy, m16_sum_xx, m16_sum_xy, m16_n, m16_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'mortality-per-1000', period_start, organization, sex, age_band, std_age_group, m17_numerator, m17_denominator, m17_numerator_people, m17_denominator_people, m17_numerator_key, m17_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'flu-vaccination', period_start, organization, sex, age_band, std_age_group, m18_numerator, m18_denominator, m18_numerator_people, m18_denominator_people, m18_numerator_key, m18_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'wellness-visit-rate', period_start, organization, sex, age_band, std_age_group, m19_numerator, m19_denominator, m19_numerator_people, m19_denominator_people, m19_numerator_key, m19_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cost-pmpm', period_start, organization, sex, age_band, std_age_group, m20_numerator, m20_denominator, m20_numerator_people, m20_denominator_people, m20_numerator_key, m20_denominator_key, m20_sum_yy, m20_sum_xx, m20_sum_xy, m20_n, m20_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cost-pmpm-inpatient', period_start, organization, sex, age_band, std_age_group, m21_numerator, m21_denominator, m21_numerator_people, m21_denominator_people, m21_numerator_key, m21_denominator_key, m21_sum_yy, m21_sum_xx, m21_sum_xy, m21_n, m21_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cost-pmpm-emergency', period_start, organization, sex, age_band, std_age_group, m22_numerator, m22_denominator, m22_numerator_people, m22_denominator_people, m22_numerator_key, m22_denominator_key, m22_sum_yy, m22_sum_xx, m22_sum_xy, m22_n, m22_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cost-pmpm-ambulatory', period_start, organization, sex, age_band, std_age_group, m23_numerator, m23_denominator, m23_numerator_people, m23_denominator_people, m23_numerator_key, m23_denominator_key, m23_sum_yy, m23_sum_xx, m23_sum_xy, m23_n, m23_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cost-pmpm-wellness', period_start, organization, sex, age_band, std_age_group, m24_numerator, m24_denominator, m24_numerator_people, m24_denominator_people, m24_numerator_key, m24_denominator_key, m24_sum_yy, m24_sum_xx, m24_sum_xy, m24_n, m24_max_value
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE last_hba1c < 8.0))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE last_hba1c < 8.0))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE last_hba1c < 8.0), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key,
              (count(*) FILTER (WHERE last_hba1c > 9.0 OR last_hba1c IS NULL))::DOUBLE AS m1_numerator,
              (count(*))::DOUBLE AS m1_denominator,
              (count(*) FILTER (WHERE last_hba1c > 9.0 OR last_hba1c IS NULL))::BIGINT AS m1_numerator_people,
              (count(*))::BIGINT AS m1_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE last_hba1c > 9.0 OR last_hba1c IS NULL), 0) % 4294967296)::BIGINT AS m1_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m1_denominator_key
       FROM wh.mart.person_year WHERE has_diabetes AND age BETWEEN 18 AND 75 GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'hba1c-control', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'hba1c-poor-control', period_start, organization, sex, age_band, std_age_group, m1_numerator, m1_denominator, m1_numerator_people, m1_denominator_people, m1_numerator_key, m1_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE last_systolic < 140 AND last_diastolic < 90))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE last_systolic < 140 AND last_diastolic < 90))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE last_systolic < 140 AND last_diastolic < 90), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE has_hypertension AND age BETWEEN 18 AND 85 GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'blood-pressure-control', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_diabetes))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_diabetes, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_diabetes))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_diabetes), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_diabetes IS NULL OR onset_diabetes >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'diabetes-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_hypertension))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_hypertension, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_hypertension))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_hypertension), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_hypertension IS NULL OR onset_hypertension >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'hypertension-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_hyperlipidemia))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_hyperlipidemia, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_hyperlipidemia))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_hyperlipidemia), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_hyperlipidemia IS NULL OR onset_hyperlipidemia >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'hyperlipidemia-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_asthma))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_asthma, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_asthma))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_asthma), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_asthma IS NULL OR onset_asthma >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'asthma-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_copd))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_copd, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_copd))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_copd), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_copd IS NULL OR onset_copd >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'copd-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_heart_failure))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_heart_failure, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_heart_failure))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_heart_failure), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_heart_failure IS NULL OR onset_heart_failure >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'heart-failure-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_ckd))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_ckd, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_ckd))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_ckd), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_ckd IS NULL OR onset_ckd >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'ckd-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_depression))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_depression, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_depression))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_depression), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_depression IS NULL OR onset_depression >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'depression-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_obesity))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_obesity, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_obesity))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_obesity), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_obesity IS NULL OR onset_obesity >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'obesity-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_cad))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_cad, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_cad))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_cad), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_cad IS NULL OR onset_cad >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cad-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_atrial_fibrillation))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_atrial_fibrillation, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_atrial_fibrillation))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_atrial_fibrillation), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_atrial_fibrillation IS NULL OR onset_atrial_fibrillation >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'atrial-fibrillation-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_osteoarthritis))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_osteoarthritis, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_osteoarthritis))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_osteoarthritis), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_osteoarthritis IS NULL OR onset_osteoarthritis >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'osteoarthritis-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_stroke))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_stroke, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_stroke))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_stroke), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_year WHERE (onset_stroke IS NULL OR onset_stroke >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'stroke-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

DROP TABLE IF EXISTS cells_pass;

CREATE TABLE wh.mart.measure_cells_demographic_quarter (measure_id VARCHAR, period_start DATE,
       sex VARCHAR, age_band VARCHAR, std_age_group VARCHAR, race VARCHAR, ethnicity VARCHAR, payer VARCHAR, county VARCHAR, zip3 VARCHAR,
       numerator DOUBLE, denominator DOUBLE, numerator_people BIGINT, denominator_people BIGINT, numerator_key BIGINT, denominator_key BIGINT, sum_yy DOUBLE, sum_xx DOUBLE, sum_xy DOUBLE, n BIGINT, max_value DOUBLE);

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE has_diabetes))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE has_diabetes))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_diabetes), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key,
              (count(*) FILTER (WHERE has_hypertension))::DOUBLE AS m1_numerator,
              (count(*))::DOUBLE AS m1_denominator,
              (count(*) FILTER (WHERE has_hypertension))::BIGINT AS m1_numerator_people,
              (count(*))::BIGINT AS m1_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_hypertension), 0) % 4294967296)::BIGINT AS m1_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m1_denominator_key,
              (count(*) FILTER (WHERE has_hyperlipidemia))::DOUBLE AS m2_numerator,
              (count(*))::DOUBLE AS m2_denominator,
              (count(*) FILTER (WHERE has_hyperlipidemia))::BIGINT AS m2_numerator_people,
              (count(*))::BIGINT AS m2_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_hyperlipidemia), 0) % 4294967296)::BIGINT AS m2_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m2_denominator_key,
              (count(*) FILTER (WHERE has_asthma))::DOUBLE AS m3_numerator,
              (count(*))::DOUBLE AS m3_denominator,
              (count(*) FILTER (WHERE has_asthma))::BIGINT AS m3_numerator_people,
              (count(*))::BIGINT AS m3_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_asthma), 0) % 4294967296)::BIGINT AS m3_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m3_denominator_key,
              (count(*) FILTER (WHERE has_copd))::DOUBLE AS m4_numerator,
              (count(*))::DOUBLE AS m4_denominator,
              (count(*) FILTER (WHERE has_copd))::BIGINT AS m4_numerator_people,
              (count(*))::BIGINT AS m4_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_copd), 0) % 4294967296)::BIGINT AS m4_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m4_denominator_key,
              (count(*) FILTER (WHERE has_heart_failure))::DOUBLE AS m5_numerator,
              (count(*))::DOUBLE AS m5_denominator,
              (count(*) FILTER (WHERE has_heart_failure))::BIGINT AS m5_numerator_people,
              (count(*))::BIGINT AS m5_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_heart_failure), 0) % 4294967296)::BIGINT AS m5_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m5_denominator_key,
              (count(*) FILTER (WHERE has_ckd))::DOUBLE AS m6_numerator,
              (count(*))::DOUBLE AS m6_denominator,
              (count(*) FILTER (WHERE has_ckd))::BIGINT AS m6_numerator_people,
              (count(*))::BIGINT AS m6_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_ckd), 0) % 4294967296)::BIGINT AS m6_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m6_denominator_key,
              (count(*) FILTER (WHERE has_depression))::DOUBLE AS m7_numerator,
              (count(*))::DOUBLE AS m7_denominator,
              (count(*) FILTER (WHERE has_depression))::BIGINT AS m7_numerator_people,
              (count(*))::BIGINT AS m7_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_depression), 0) % 4294967296)::BIGINT AS m7_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m7_denominator_key,
              (count(*) FILTER (WHERE has_obesity))::DOUBLE AS m8_numerator,
              (count(*))::DOUBLE AS m8_denominator,
              (count(*) FILTER (WHERE has_obesity))::BIGINT AS m8_numerator_people,
              (count(*))::BIGINT AS m8_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_obesity), 0) % 4294967296)::BIGINT AS m8_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m8_denominator_key,
              (count(*) FILTER (WHERE has_cad))::DOUBLE AS m9_numerator,
              (count(*))::DOUBLE AS m9_denominator,
              (count(*) FILTER (WHERE has_cad))::BIGINT AS m9_numerator_people,
              (count(*))::BIGINT AS m9_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_cad), 0) % 4294967296)::BIGINT AS m9_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m9_denominator_key,
              (count(*) FILTER (WHERE has_atrial_fibrillation))::DOUBLE AS m10_numerator,
              (count(*))::DOUBLE AS m10_denominator,
              (count(*) FILTER (WHERE has_atrial_fibrillation))::BIGINT AS m10_numerator_people,
              (count(*))::BIGINT AS m10_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_atrial_fibrillation), 0) % 4294967296)::BIGINT AS m10_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m10_denominator_key,
              (count(*) FILTER (WHERE has_osteoarthritis))::DOUBLE AS m11_numerator,
              (count(*))::DOUBLE AS m11_denominator,
              (count(*) FILTER (WHERE has_osteoarthritis))::BIGINT AS m11_numerator_people,
              (count(*))::BIGINT AS m11_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_osteoarthritis), 0) % 4294967296)::BIGINT AS m11_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m11_denominator_key,
              (count(*) FILTER (WHERE has_stroke))::DOUBLE AS m12_numerator,
              (count(*))::DOUBLE AS m12_denominator,
              (count(*) FILTER (WHERE has_stroke))::BIGINT AS m12_numerator_people,
              (count(*))::BIGINT AS m12_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_stroke), 0) % 4294967296)::BIGINT AS m12_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m12_denominator_key,
              (sum(ed_visits))::DOUBLE AS m13_numerator,
              (sum(member_months) / 12)::DOUBLE AS m13_denominator,
              (count(*) FILTER (WHERE ed_visits > 0))::BIGINT AS m13_numerator_people,
              (count(*))::BIGINT AS m13_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE ed_visits > 0), 0) % 4294967296)::BIGINT AS m13_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m13_denominator_key,
              (sum(inpatient_admits))::DOUBLE AS m14_numerator,
              (sum(member_months) / 12)::DOUBLE AS m14_denominator,
              (count(*) FILTER (WHERE inpatient_admits > 0))::BIGINT AS m14_numerator_people,
              (count(*))::BIGINT AS m14_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE inpatient_admits > 0), 0) % 4294967296)::BIGINT AS m14_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m14_denominator_key,
              (sum(readmissions_30d))::DOUBLE AS m15_numerator,
              (sum(index_discharges))::DOUBLE AS m15_denominator,
              (count(*) FILTER (WHERE readmissions_30d > 0))::BIGINT AS m15_numerator_people,
              (count(*) FILTER (WHERE index_discharges > 0))::BIGINT AS m15_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE readmissions_30d > 0), 0) % 4294967296)::BIGINT AS m15_numerator_key,
              (coalesce(sum(record_key) FILTER (WHERE index_discharges > 0), 0) % 4294967296)::BIGINT AS m15_denominator_key,
              sum(inpatient_days)::DOUBLE AS m16_numerator,
              sum(inpatient_discharges)::DOUBLE AS m16_denominator,
              sum((inpatient_days) * (inpatient_days))::DOUBLE AS m16_sum_yy,
              sum((inpatient_discharges) * (inpatient_discharges))::DOUBLE AS m16_sum_xx,
              sum((inpatient_discharges) * (inpatient_days))::DOUBLE AS m16_sum_xy,
              count(*)::BIGINT AS m16_n,
              (count(*) FILTER (WHERE inpatient_discharges > 0))::BIGINT AS m16_numerator_people,
              (count(*) FILTER (WHERE inpatient_discharges > 0))::BIGINT AS m16_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE inpatient_discharges > 0), 0) % 4294967296)::BIGINT AS m16_numerator_key,
              (coalesce(sum(record_key) FILTER (WHERE inpatient_discharges > 0), 0) % 4294967296)::BIGINT AS m16_denominator_key,
              max(inpatient_days)::DOUBLE AS m16_max_value,
              (count(*) FILTER (WHERE died))::DOUBLE AS m17_numerator,
              (sum(member_months) / 12)::DOUBLE AS m17_denominator,
              (count(*) FILTER (WHERE died))::BIGINT AS m17_numerator_people,
              (count(*))::BIGINT AS m17_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE died), 0) % 4294967296)::BIGINT AS m17_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m17_denominator_key,
              sum(cost)::DOUBLE AS m18_numerator,
              sum(member_months)::DOUBLE AS m18_denominator,
              sum((cost) * (cost))::DOUBLE AS m18_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m18_sum_xx,
              sum((member_months) * (cost))::DOUBLE AS m18_sum_xy,
              count(*)::BIGINT AS m18_n,
              (count(*) FILTER (WHERE cost > 0))::BIGINT AS m18_numerator_people,
              (count(*))::BIGINT AS m18_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost > 0), 0) % 4294967296)::BIGINT AS m18_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m18_denominator_key,
              max(cost)::DOUBLE AS m18_max_value,
              sum(cost_inpatient)::DOUBLE AS m19_numerator,
              sum(member_months)::DOUBLE AS m19_denominator,
              sum((cost_inpatient) * (cost_inpatient))::DOUBLE AS m19_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m19_sum_xx,
              sum((member_months) * (cost_inpatient))::DOUBLE AS m19_sum_xy,
              count(*)::BIGINT AS m19_n,
              (count(*) FILTER (WHERE cost_inpatient > 0))::BIGINT AS m19_numerator_people,
              (count(*))::BIGINT AS m19_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_inpatient > 0), 0) % 4294967296)::BIGINT AS m19_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m19_denominator_key,
              max(cost_inpatient)::DOUBLE AS m19_max_value,
              sum(cost_emergency)::DOUBLE AS m20_numerator,
              sum(member_months)::DOUBLE AS m20_denominator,
              sum((cost_emergency) * (cost_emergency))::DOUBLE AS m20_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m20_sum_xx,
              sum((member_months) * (cost_emergency))::DOUBLE AS m20_sum_xy,
              count(*)::BIGINT AS m20_n,
              (count(*) FILTER (WHERE cost_emergency > 0))::BIGINT AS m20_numerator_people,
              (count(*))::BIGINT AS m20_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_emergency > 0), 0) % 4294967296)::BIGINT AS m20_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m20_denominator_key,
              max(cost_emergency)::DOUBLE AS m20_max_value,
              sum(cost_ambulatory)::DOUBLE AS m21_numerator,
              sum(member_months)::DOUBLE AS m21_denominator,
              sum((cost_ambulatory) * (cost_ambulatory))::DOUBLE AS m21_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m21_sum_xx,
              sum((member_months) * (cost_ambulatory))::DOUBLE AS m21_sum_xy,
              count(*)::BIGINT AS m21_n,
              (count(*) FILTER (WHERE cost_ambulatory > 0))::BIGINT AS m21_numerator_people,
              (count(*))::BIGINT AS m21_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_ambulatory > 0), 0) % 4294967296)::BIGINT AS m21_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m21_denominator_key,
              max(cost_ambulatory)::DOUBLE AS m21_max_value,
              sum(cost_wellness)::DOUBLE AS m22_numerator,
              sum(member_months)::DOUBLE AS m22_denominator,
              sum((cost_wellness) * (cost_wellness))::DOUBLE AS m22_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m22_sum_xx,
              sum((member_months) * (cost_wellness))::DOUBLE AS m22_sum_xy,
              count(*)::BIGINT AS m22_n,
              (count(*) FILTER (WHERE cost_wellness > 0))::BIGINT AS m22_numerator_people,
              (count(*))::BIGINT AS m22_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_wellness > 0), 0) % 4294967296)::BIGINT AS m22_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m22_denominator_key,
              max(cost_wellness)::DOUBLE AS m22_max_value
       FROM wh.mart.person_quarter WHERE true GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'diabetes-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'hypertension-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m1_numerator, m1_denominator, m1_numerator_people, m1_denominator_people, m1_numerator_key, m1_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'hyperlipidemia-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m2_numerator, m2_denominator, m2_numerator_people, m2_denominator_people, m2_numerator_key, m2_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'asthma-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m3_numerator, m3_denominator, m3_numerator_people, m3_denominator_people, m3_numerator_key, m3_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'copd-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m4_numerator, m4_denominator, m4_numerator_people, m4_denominator_people, m4_numerator_key, m4_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'heart-failure-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m5_numerator, m5_denominator, m5_numerator_people, m5_denominator_people, m5_numerator_key, m5_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'ckd-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m6_numerator, m6_denominator, m6_numerator_people, m6_denominator_people, m6_numerator_key, m6_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'depression-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m7_numerator, m7_denominator, m7_numerator_people, m7_denominator_people, m7_numerator_key, m7_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'obesity-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m8_numerator, m8_denominator, m8_numerator_people, m8_denominator_people, m8_numerator_key, m8_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'cad-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m9_numerator, m9_denominator, m9_numerator_people, m9_denominator_people, m9_numerator_key, m9_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'atrial-fibrillation-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m10_numerator, m10_denominator, m10_numerator_people, m10_denominator_people, m10_numerator_key, m10_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'osteoarthritis-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m11_numerator, m11_denominator, m11_numerator_people, m11_denominator_people, m11_numerator_key, m11_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'stroke-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m12_numerator, m12_denominator, m12_numerator_people, m12_denominator_people, m12_numerator_key, m12_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'ed-visits-per-1000', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m13_numerator, m13_denominator, m13_numerator_people, m13_denominator_people, m13_numerator_key, m13_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'inpatient-admissions-per-1000', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m14_numerator, m14_denominator, m14_numerator_people, m14_denominator_people, m14_numerator_key, m14_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'readmission-30-day', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m15_numerator, m15_denominator, m15_numerator_people, m15_denominator_people, m15_numerator_key, m15_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'average-length-of-stay', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m16_numerator, m16_denominator, m16_numerator_people, m16_denominator_people, m16_numerator_key, m16_denominator_key, m16_sum_yy, m16_sum_xx, m16_sum_xy, m16_n, m16_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'mortality-per-1000', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m17_numerator, m17_denominator, m17_numerator_people, m17_denominator_people, m17_numerator_key, m17_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'cost-pmpm', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m18_numerator, m18_denominator, m18_numerator_people, m18_denominator_people, m18_numerator_key, m18_denominator_key, m18_sum_yy, m18_sum_xx, m18_sum_xy, m18_n, m18_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'cost-pmpm-inpatient', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m19_numerator, m19_denominator, m19_numerator_people, m19_denominator_people, m19_numerator_key, m19_denominator_key, m19_sum_yy, m19_sum_xx, m19_sum_xy, m19_n, m19_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'cost-pmpm-emergency', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m20_numerator, m20_denominator, m20_numerator_people, m20_denominator_people, m20_numerator_key, m20_denominator_key, m20_sum_yy, m20_sum_xx, m20_sum_xy, m20_n, m20_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'cost-pmpm-ambulatory', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m21_numerator, m21_denominator, m21_numerator_people, m21_denominator_people, m21_numerator_key, m21_denominator_key, m21_sum_yy, m21_sum_xx, m21_sum_xy, m21_n, m21_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'cost-pmpm-wellness', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m22_numerator, m22_denominator, m22_numerator_people, m22_denominator_people, m22_numerator_key, m22_denominator_key, m22_sum_yy, m22_sum_xx, m22_sum_xy, m22_n, m22_max_value
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_diabetes))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_diabetes, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_diabetes))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_diabetes), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_diabetes IS NULL OR onset_diabetes >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'diabetes-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_hypertension))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_hypertension, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_hypertension))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_hypertension), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_hypertension IS NULL OR onset_hypertension >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'hypertension-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_hyperlipidemia))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_hyperlipidemia, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_hyperlipidemia))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_hyperlipidemia), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_hyperlipidemia IS NULL OR onset_hyperlipidemia >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'hyperlipidemia-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_asthma))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_asthma, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_asthma))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_asthma), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_asthma IS NULL OR onset_asthma >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'asthma-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_copd))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_copd, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_copd))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_copd), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_copd IS NULL OR onset_copd >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'copd-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_heart_failure))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_heart_failure, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_heart_failure))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_heart_failure), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_heart_failure IS NULL OR onset_heart_failure >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'heart-failure-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_ckd))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_ckd, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_ckd))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_ckd), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_ckd IS NULL OR onset_ckd >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'ckd-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_depression))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_depression, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_depression))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_depression), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_depression IS NULL OR onset_depression >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'depression-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_obesity))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_obesity, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_obesity))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_obesity), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_obesity IS NULL OR onset_obesity >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'obesity-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_cad))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_cad, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_cad))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_cad), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_cad IS NULL OR onset_cad >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'cad-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_atrial_fibrillation))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_atrial_fibrillation, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_atrial_fibrillation))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_atrial_fibrillation), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_atrial_fibrillation IS NULL OR onset_atrial_fibrillation >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'atrial-fibrillation-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_osteoarthritis))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_osteoarthritis, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_osteoarthritis))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_osteoarthritis), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_osteoarthritis IS NULL OR onset_osteoarthritis >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'osteoarthritis-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE new_stroke))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_stroke, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_stroke))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_stroke), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_stroke IS NULL OR onset_stroke >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic_quarter
          SELECT 'stroke-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

DROP TABLE IF EXISTS cells_pass;

CREATE TABLE wh.mart.measure_cells_organization_quarter (measure_id VARCHAR, period_start DATE,
       organization VARCHAR, sex VARCHAR, age_band VARCHAR, std_age_group VARCHAR,
       numerator DOUBLE, denominator DOUBLE, numerator_people BIGINT, denominator_people BIGINT, numerator_key BIGINT, denominator_key BIGINT, sum_yy DOUBLE, sum_xx DOUBLE, sum_xy DOUBLE, n BIGINT, max_value DOUBLE);

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE has_diabetes))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE has_diabetes))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_diabetes), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key,
              (count(*) FILTER (WHERE has_hypertension))::DOUBLE AS m1_numerator,
              (count(*))::DOUBLE AS m1_denominator,
              (count(*) FILTER (WHERE has_hypertension))::BIGINT AS m1_numerator_people,
              (count(*))::BIGINT AS m1_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_hypertension), 0) % 4294967296)::BIGINT AS m1_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m1_denominator_key,
              (count(*) FILTER (WHERE has_hyperlipidemia))::DOUBLE AS m2_numerator,
              (count(*))::DOUBLE AS m2_denominator,
              (count(*) FILTER (WHERE has_hyperlipidemia))::BIGINT AS m2_numerator_people,
              (count(*))::BIGINT AS m2_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_hyperlipidemia), 0) % 4294967296)::BIGINT AS m2_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m2_denominator_key,
              (count(*) FILTER (WHERE has_asthma))::DOUBLE AS m3_numerator,
              (count(*))::DOUBLE AS m3_denominator,
              (count(*) FILTER (WHERE has_asthma))::BIGINT AS m3_numerator_people,
              (count(*))::BIGINT AS m3_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_asthma), 0) % 4294967296)::BIGINT AS m3_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m3_denominator_key,
              (count(*) FILTER (WHERE has_copd))::DOUBLE AS m4_numerator,
              (count(*))::DOUBLE AS m4_denominator,
              (count(*) FILTER (WHERE has_copd))::BIGINT AS m4_numerator_people,
              (count(*))::BIGINT AS m4_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_copd), 0) % 4294967296)::BIGINT AS m4_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m4_denominator_key,
              (count(*) FILTER (WHERE has_heart_failure))::DOUBLE AS m5_numerator,
              (count(*))::DOUBLE AS m5_denominator,
              (count(*) FILTER (WHERE has_heart_failure))::BIGINT AS m5_numerator_people,
              (count(*))::BIGINT AS m5_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_heart_failure), 0) % 4294967296)::BIGINT AS m5_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m5_denominator_key,
              (count(*) FILTER (WHERE has_ckd))::DOUBLE AS m6_numerator,
              (count(*))::DOUBLE AS m6_denominator,
              (count(*) FILTER (WHERE has_ckd))::BIGINT AS m6_numerator_people,
              (count(*))::BIGINT AS m6_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_ckd), 0) % 4294967296)::BIGINT AS m6_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m6_denominator_key,
              (count(*) FILTER (WHERE has_depression))::DOUBLE AS m7_numerator,
              (count(*))::DOUBLE AS m7_denominator,
              (count(*) FILTER (WHERE has_depression))::BIGINT AS m7_numerator_people,
              (count(*))::BIGINT AS m7_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_depression), 0) % 4294967296)::BIGINT AS m7_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m7_denominator_key,
              (count(*) FILTER (WHERE has_obesity))::DOUBLE AS m8_numerator,
              (count(*))::DOUBLE AS m8_denominator,
              (count(*) FILTER (WHERE has_obesity))::BIGINT AS m8_numerator_people,
              (count(*))::BIGINT AS m8_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_obesity), 0) % 4294967296)::BIGINT AS m8_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m8_denominator_key,
              (count(*) FILTER (WHERE has_cad))::DOUBLE AS m9_numerator,
              (count(*))::DOUBLE AS m9_denominator,
              (count(*) FILTER (WHERE has_cad))::BIGINT AS m9_numerator_people,
              (count(*))::BIGINT AS m9_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_cad), 0) % 4294967296)::BIGINT AS m9_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m9_denominator_key,
              (count(*) FILTER (WHERE has_atrial_fibrillation))::DOUBLE AS m10_numerator,
              (count(*))::DOUBLE AS m10_denominator,
              (count(*) FILTER (WHERE has_atrial_fibrillation))::BIGINT AS m10_numerator_people,
              (count(*))::BIGINT AS m10_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_atrial_fibrillation), 0) % 4294967296)::BIGINT AS m10_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m10_denominator_key,
              (count(*) FILTER (WHERE has_osteoarthritis))::DOUBLE AS m11_numerator,
              (count(*))::DOUBLE AS m11_denominator,
              (count(*) FILTER (WHERE has_osteoarthritis))::BIGINT AS m11_numerator_people,
              (count(*))::BIGINT AS m11_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_osteoarthritis), 0) % 4294967296)::BIGINT AS m11_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m11_denominator_key,
              (count(*) FILTER (WHERE has_stroke))::DOUBLE AS m12_numerator,
              (count(*))::DOUBLE AS m12_denominator,
              (count(*) FILTER (WHERE has_stroke))::BIGINT AS m12_numerator_people,
              (count(*))::BIGINT AS m12_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE has_stroke), 0) % 4294967296)::BIGINT AS m12_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m12_denominator_key,
              (sum(ed_visits))::DOUBLE AS m13_numerator,
              (sum(member_months) / 12)::DOUBLE AS m13_denominator,
              (count(*) FILTER (WHERE ed_visits > 0))::BIGINT AS m13_numerator_people,
              (count(*))::BIGINT AS m13_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE ed_visits > 0), 0) % 4294967296)::BIGINT AS m13_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m13_denominator_key,
              (sum(inpatient_admits))::DOUBLE AS m14_numerator,
              (sum(member_months) / 12)::DOUBLE AS m14_denominator,
              (count(*) FILTER (WHERE inpatient_admits > 0))::BIGINT AS m14_numerator_people,
              (count(*))::BIGINT AS m14_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE inpatient_admits > 0), 0) % 4294967296)::BIGINT AS m14_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m14_denominator_key,
              (sum(readmissions_30d))::DOUBLE AS m15_numerator,
              (sum(index_discharges))::DOUBLE AS m15_denominator,
              (count(*) FILTER (WHERE readmissions_30d > 0))::BIGINT AS m15_numerator_people,
              (count(*) FILTER (WHERE index_discharges > 0))::BIGINT AS m15_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE readmissions_30d > 0), 0) % 4294967296)::BIGINT AS m15_numerator_key,
              (coalesce(sum(record_key) FILTER (WHERE index_discharges > 0), 0) % 4294967296)::BIGINT AS m15_denominator_key,
              sum(inpatient_days)::DOUBLE AS m16_numerator,
              sum(inpatient_discharges)::DOUBLE AS m16_denominator,
              sum((inpatient_days) * (inpatient_days))::DOUBLE AS m16_sum_yy,
              sum((inpatient_discharges) * (inpatient_discharges))::DOUBLE AS m16_sum_xx,
              sum((inpatient_discharges) * (inpatient_days))::DOUBLE AS m16_sum_xy,
              count(*)::BIGINT AS m16_n,
              (count(*) FILTER (WHERE inpatient_discharges > 0))::BIGINT AS m16_numerator_people,
              (count(*) FILTER (WHERE inpatient_discharges > 0))::BIGINT AS m16_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE inpatient_discharges > 0), 0) % 4294967296)::BIGINT AS m16_numerator_key,
              (coalesce(sum(record_key) FILTER (WHERE inpatient_discharges > 0), 0) % 4294967296)::BIGINT AS m16_denominator_key,
              max(inpatient_days)::DOUBLE AS m16_max_value,
              (count(*) FILTER (WHERE died))::DOUBLE AS m17_numerator,
              (sum(member_months) / 12)::DOUBLE AS m17_denominator,
              (count(*) FILTER (WHERE died))::BIGINT AS m17_numerator_people,
              (count(*))::BIGINT AS m17_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE died), 0) % 4294967296)::BIGINT AS m17_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m17_denominator_key,
              sum(cost)::DOUBLE AS m18_numerator,
              sum(member_months)::DOUBLE AS m18_denominator,
              sum((cost) * (cost))::DOUBLE AS m18_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m18_sum_xx,
              sum((member_months) * (cost))::DOUBLE AS m18_sum_xy,
              count(*)::BIGINT AS m18_n,
              (count(*) FILTER (WHERE cost > 0))::BIGINT AS m18_numerator_people,
              (count(*))::BIGINT AS m18_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost > 0), 0) % 4294967296)::BIGINT AS m18_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m18_denominator_key,
              max(cost)::DOUBLE AS m18_max_value,
              sum(cost_inpatient)::DOUBLE AS m19_numerator,
              sum(member_months)::DOUBLE AS m19_denominator,
              sum((cost_inpatient) * (cost_inpatient))::DOUBLE AS m19_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m19_sum_xx,
              sum((member_months) * (cost_inpatient))::DOUBLE AS m19_sum_xy,
              count(*)::BIGINT AS m19_n,
              (count(*) FILTER (WHERE cost_inpatient > 0))::BIGINT AS m19_numerator_people,
              (count(*))::BIGINT AS m19_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_inpatient > 0), 0) % 4294967296)::BIGINT AS m19_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m19_denominator_key,
              max(cost_inpatient)::DOUBLE AS m19_max_value,
              sum(cost_emergency)::DOUBLE AS m20_numerator,
              sum(member_months)::DOUBLE AS m20_denominator,
              sum((cost_emergency) * (cost_emergency))::DOUBLE AS m20_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m20_sum_xx,
              sum((member_months) * (cost_emergency))::DOUBLE AS m20_sum_xy,
              count(*)::BIGINT AS m20_n,
              (count(*) FILTER (WHERE cost_emergency > 0))::BIGINT AS m20_numerator_people,
              (count(*))::BIGINT AS m20_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_emergency > 0), 0) % 4294967296)::BIGINT AS m20_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m20_denominator_key,
              max(cost_emergency)::DOUBLE AS m20_max_value,
              sum(cost_ambulatory)::DOUBLE AS m21_numerator,
              sum(member_months)::DOUBLE AS m21_denominator,
              sum((cost_ambulatory) * (cost_ambulatory))::DOUBLE AS m21_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m21_sum_xx,
              sum((member_months) * (cost_ambulatory))::DOUBLE AS m21_sum_xy,
              count(*)::BIGINT AS m21_n,
              (count(*) FILTER (WHERE cost_ambulatory > 0))::BIGINT AS m21_numerator_people,
              (count(*))::BIGINT AS m21_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_ambulatory > 0), 0) % 4294967296)::BIGINT AS m21_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m21_denominator_key,
              max(cost_ambulatory)::DOUBLE AS m21_max_value,
              sum(cost_wellness)::DOUBLE AS m22_numerator,
              sum(member_months)::DOUBLE AS m22_denominator,
              sum((cost_wellness) * (cost_wellness))::DOUBLE AS m22_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m22_sum_xx,
              sum((member_months) * (cost_wellness))::DOUBLE AS m22_sum_xy,
              count(*)::BIGINT AS m22_n,
              (count(*) FILTER (WHERE cost_wellness > 0))::BIGINT AS m22_numerator_people,
              (count(*))::BIGINT AS m22_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE cost_wellness > 0), 0) % 4294967296)::BIGINT AS m22_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m22_denominator_key,
              max(cost_wellness)::DOUBLE AS m22_max_value
       FROM wh.mart.person_quarter WHERE true GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'diabetes-prevalence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'hypertension-prevalence', period_start, organization, sex, age_band, std_age_group, m1_numerator, m1_denominator, m1_numerator_people, m1_denominator_people, m1_numerator_key, m1_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'hyperlipidemia-prevalence', period_start, organization, sex, age_band, std_age_group, m2_numerator, m2_denominator, m2_numerator_people, m2_denominator_people, m2_numerator_key, m2_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'asthma-prevalence', period_start, organization, sex, age_band, std_age_group, m3_numerator, m3_denominator, m3_numerator_people, m3_denominator_people, m3_numerator_key, m3_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'copd-prevalence', period_start, organization, sex, age_band, std_age_group, m4_numerator, m4_denominator, m4_numerator_people, m4_denominator_people, m4_numerator_key, m4_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'heart-failure-prevalence', period_start, organization, sex, age_band, std_age_group, m5_numerator, m5_denominator, m5_numerator_people, m5_denominator_people, m5_numerator_key, m5_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'ckd-prevalence', period_start, organization, sex, age_band, std_age_group, m6_numerator, m6_denominator, m6_numerator_people, m6_denominator_people, m6_numerator_key, m6_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'depression-prevalence', period_start, organization, sex, age_band, std_age_group, m7_numerator, m7_denominator, m7_numerator_people, m7_denominator_people, m7_numerator_key, m7_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'obesity-prevalence', period_start, organization, sex, age_band, std_age_group, m8_numerator, m8_denominator, m8_numerator_people, m8_denominator_people, m8_numerator_key, m8_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'cad-prevalence', period_start, organization, sex, age_band, std_age_group, m9_numerator, m9_denominator, m9_numerator_people, m9_denominator_people, m9_numerator_key, m9_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'atrial-fibrillation-prevalence', period_start, organization, sex, age_band, std_age_group, m10_numerator, m10_denominator, m10_numerator_people, m10_denominator_people, m10_numerator_key, m10_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'osteoarthritis-prevalence', period_start, organization, sex, age_band, std_age_group, m11_numerator, m11_denominator, m11_numerator_people, m11_denominator_people, m11_numerator_key, m11_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'stroke-prevalence', period_start, organization, sex, age_band, std_age_group, m12_numerator, m12_denominator, m12_numerator_people, m12_denominator_people, m12_numerator_key, m12_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'ed-visits-per-1000', period_start, organization, sex, age_band, std_age_group, m13_numerator, m13_denominator, m13_numerator_people, m13_denominator_people, m13_numerator_key, m13_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'inpatient-admissions-per-1000', period_start, organization, sex, age_band, std_age_group, m14_numerator, m14_denominator, m14_numerator_people, m14_denominator_people, m14_numerator_key, m14_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'readmission-30-day', period_start, organization, sex, age_band, std_age_group, m15_numerator, m15_denominator, m15_numerator_people, m15_denominator_people, m15_numerator_key, m15_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'average-length-of-stay', period_start, organization, sex, age_band, std_age_group, m16_numerator, m16_denominator, m16_numerator_people, m16_denominator_people, m16_numerator_key, m16_denominator_key, m16_sum_yy, m16_sum_xx, m16_sum_xy, m16_n, m16_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'mortality-per-1000', period_start, organization, sex, age_band, std_age_group, m17_numerator, m17_denominator, m17_numerator_people, m17_denominator_people, m17_numerator_key, m17_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'cost-pmpm', period_start, organization, sex, age_band, std_age_group, m18_numerator, m18_denominator, m18_numerator_people, m18_denominator_people, m18_numerator_key, m18_denominator_key, m18_sum_yy, m18_sum_xx, m18_sum_xy, m18_n, m18_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'cost-pmpm-inpatient', period_start, organization, sex, age_band, std_age_group, m19_numerator, m19_denominator, m19_numerator_people, m19_denominator_people, m19_numerator_key, m19_denominator_key, m19_sum_yy, m19_sum_xx, m19_sum_xy, m19_n, m19_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'cost-pmpm-emergency', period_start, organization, sex, age_band, std_age_group, m20_numerator, m20_denominator, m20_numerator_people, m20_denominator_people, m20_numerator_key, m20_denominator_key, m20_sum_yy, m20_sum_xx, m20_sum_xy, m20_n, m20_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'cost-pmpm-ambulatory', period_start, organization, sex, age_band, std_age_group, m21_numerator, m21_denominator, m21_numerator_people, m21_denominator_people, m21_numerator_key, m21_denominator_key, m21_sum_yy, m21_sum_xx, m21_sum_xy, m21_n, m21_max_value
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'cost-pmpm-wellness', period_start, organization, sex, age_band, std_age_group, m22_numerator, m22_denominator, m22_numerator_people, m22_denominator_people, m22_numerator_key, m22_denominator_key, m22_sum_yy, m22_sum_xx, m22_sum_xy, m22_n, m22_max_value
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_diabetes))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_diabetes, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_diabetes))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_diabetes), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_diabetes IS NULL OR onset_diabetes >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'diabetes-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_hypertension))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_hypertension, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_hypertension))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_hypertension), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_hypertension IS NULL OR onset_hypertension >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'hypertension-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_hyperlipidemia))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_hyperlipidemia, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_hyperlipidemia))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_hyperlipidemia), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_hyperlipidemia IS NULL OR onset_hyperlipidemia >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'hyperlipidemia-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_asthma))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_asthma, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_asthma))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_asthma), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_asthma IS NULL OR onset_asthma >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'asthma-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_copd))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_copd, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_copd))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_copd), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_copd IS NULL OR onset_copd >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'copd-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_heart_failure))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_heart_failure, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_heart_failure))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_heart_failure), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_heart_failure IS NULL OR onset_heart_failure >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'heart-failure-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_ckd))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_ckd, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_ckd))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_ckd), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_ckd IS NULL OR onset_ckd >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'ckd-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_depression))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_depression, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_depression))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_depression), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_depression IS NULL OR onset_depression >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'depression-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_obesity))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_obesity, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_obesity))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_obesity), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_obesity IS NULL OR onset_obesity >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'obesity-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_cad))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_cad, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_cad))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_cad), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_cad IS NULL OR onset_cad >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'cad-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_atrial_fibrillation))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_atrial_fibrillation, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_atrial_fibrillation))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_atrial_fibrillation), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_atrial_fibrillation IS NULL OR onset_atrial_fibrillation >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'atrial-fibrillation-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_osteoarthritis))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_osteoarthritis, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_osteoarthritis))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_osteoarthritis), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_osteoarthritis IS NULL OR onset_osteoarthritis >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'osteoarthritis-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE new_stroke))::DOUBLE AS m0_numerator,
              (sum(coalesce(months_to_onset_stroke, member_months)) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE new_stroke))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (coalesce(sum(record_key) FILTER (WHERE new_stroke), 0) % 4294967296)::BIGINT AS m0_numerator_key,
              (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS m0_denominator_key
       FROM wh.mart.person_quarter WHERE (onset_stroke IS NULL OR onset_stroke >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization_quarter
          SELECT 'stroke-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, m0_numerator_key, m0_denominator_key, NULL, NULL, NULL, NULL, NULL
          FROM cells_pass;

DROP TABLE IF EXISTS cells_pass;

CREATE TABLE wh.mart.top_share_cells (measure_id VARCHAR, dimension VARCHAR, stratum VARCHAR, period_start DATE,
       numerator DOUBLE, denominator DOUBLE, numerator_people BIGINT, denominator_people BIGINT, denominator_key BIGINT, max_value DOUBLE);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', '', NULL, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key,
                 list_sum(list_slice(max((cost)::DOUBLE, 45), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'sex', stratum0, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, sex AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 25), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', stratum0, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, age_band AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', stratum0, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'race', stratum0, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, race AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'ethnicity', stratum0, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, ethnicity AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'payer', stratum0, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, payer AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'county', stratum0, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, county AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'zip3', stratum0, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, zip3 AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'organization', stratum0, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, organization AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 2), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

CREATE TABLE wh.mart.top_share_pair_cells (measure_id VARCHAR, dimension0 VARCHAR, dimension1 VARCHAR, stratum0 VARCHAR, stratum1 VARCHAR,
       period_start DATE, numerator DOUBLE, denominator DOUBLE, numerator_people BIGINT, denominator_people BIGINT, denominator_key BIGINT, max_value DOUBLE);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'ageBand', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, sex AS stratum0, age_band AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'stdAgeGroup', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, sex AS stratum0, std_age_group AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'race', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, sex AS stratum0, race AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'ethnicity', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, sex AS stratum0, ethnicity AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'payer', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, sex AS stratum0, payer AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'county', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, sex AS stratum0, county AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, sex AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, sex AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 2), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'stdAgeGroup', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, age_band AS stratum0, std_age_group AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'race', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, age_band AS stratum0, race AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'ethnicity', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, age_band AS stratum0, ethnicity AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'payer', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, age_band AS stratum0, payer AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'county', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, age_band AS stratum0, county AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, age_band AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, age_band AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', 'race', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0, race AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', 'ethnicity', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0, ethnicity AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', 'payer', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0, payer AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', 'county', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0, county AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'race', 'ethnicity', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, race AS stratum0, ethnicity AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'race', 'payer', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, race AS stratum0, payer AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'race', 'county', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, race AS stratum0, county AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'race', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, race AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'race', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, race AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ethnicity', 'payer', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, ethnicity AS stratum0, payer AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ethnicity', 'county', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, ethnicity AS stratum0, county AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ethnicity', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, ethnicity AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ethnicity', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, ethnicity AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'payer', 'county', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, payer AS stratum0, county AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'payer', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, payer AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'payer', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, payer AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'county', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, county AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'county', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, county AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'zip3', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people, denominator_key, max_value
        FROM (SELECT period_start AS period_key, zip3 AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people,
                 (coalesce(sum(record_key), 0) % 4294967296)::BIGINT AS denominator_key, max((cost)::DOUBLE)::DOUBLE AS max_value
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

CREATE TABLE wh.mart.measure_cells_catalog (cell_table VARCHAR, measure_id VARCHAR, definition_hash VARCHAR);

INSERT INTO wh.mart.measure_cells_catalog VALUES ('measure_cells_demographic', 'diabetes-prevalence', 'd35bfa2e76ab4da6'), ('measure_cells_demographic', 'hypertension-prevalence', '04b87a251db1fe60'), ('measure_cells_demographic', 'hyperlipidemia-prevalence', '140ec4a2735608b4'), ('measure_cells_demographic', 'asthma-prevalence', 'cb03d1a9b6cad335'), ('measure_cells_demographic', 'copd-prevalence', 'b6597d0f648b6079'), ('measure_cells_demographic', 'heart-failure-prevalence', 'f021b82f771e7d2f'), ('measure_cells_demographic', 'ckd-prevalence', '1e95f1ed5a22c075'), ('measure_cells_demographic', 'depression-prevalence', '0b48f33a08b29cbe'), ('measure_cells_demographic', 'obesity-prevalence', 'fd5365db29de308c'), ('measure_cells_demographic', 'cad-prevalence', '821fa6584f34f7e8'), ('measure_cells_demographic', 'atrial-fibrillation-prevalence', 'dfabd91d41983cae'), ('measure_cells_demographic', 'osteoarthritis-prevalence', '322ce8e2cc29dd3f'), ('measure_cells_demographic', 'stroke-prevalence', '0893a91ca6859cf3'), ('measure_cells_demographic', 'ed-visits-per-1000', 'e1f920c24479832a'), ('measure_cells_demographic', 'inpatient-admissions-per-1000', '32b866aa8ccfe421'), ('measure_cells_demographic', 'readmission-30-day', '3db1d09ea830c579'), ('measure_cells_demographic', 'average-length-of-stay', '72d6d582d53e0c5f'), ('measure_cells_demographic', 'mortality-per-1000', '8ac1e8cb6cf3a6f5'), ('measure_cells_demographic', 'hba1c-control', 'abad1f36fd46d3d1'), ('measure_cells_demographic', 'hba1c-poor-control', '0e9615b54f3e9836'), ('measure_cells_demographic', 'blood-pressure-control', '719c40bf49bded54'), ('measure_cells_demographic', 'flu-vaccination', '1c53c5c19c7c26bb'), ('measure_cells_demographic', 'wellness-visit-rate', '020c60f090826981'), ('measure_cells_demographic', 'cost-pmpm', 'd30f09953cc06a2f'), ('measure_cells_demographic', 'cost-pmpm-inpatient', '75f72e3c5f5800c8'), ('measure_cells_demographic', 'cost-pmpm-emergency', 'ffd0dfca64d93425'), ('measure_cells_demographic', 'cost-pmpm-ambulatory', '188d0fd6d49a27a2'), ('measure_cells_demographic', 'cost-pmpm-wellness', '990f9626690a59e0'), ('measure_cells_demographic', 'diabetes-incidence', '5e5abe8a00d2d005'), ('measure_cells_demographic', 'hypertension-incidence', '0fe46627019cf1fe'), ('measure_cells_demographic', 'hyperlipidemia-incidence', 'f738e42016583fd7'), ('measure_cells_demographic', 'asthma-incidence', '23ef2cebb46ee849'), ('measure_cells_demographic', 'copd-incidence', '0cdefc4a1bb6a4a0'), ('measure_cells_demographic', 'heart-failure-incidence', '19aaa85eed158674'), ('measure_cells_demographic', 'ckd-incidence', '89b4654d99873877'), ('measure_cells_demographic', 'depression-incidence', '47d01edb3803f3a4'), ('measure_cells_demographic', 'obesity-incidence', '5352db6cc65e4cdb'), ('measure_cells_demographic', 'cad-incidence', '7d0f34b3803b0471'), ('measure_cells_demographic', 'atrial-fibrillation-incidence', '2151ea08215836a5'), ('measure_cells_demographic', 'osteoarthritis-incidence', '453190f4d2d5c2c8'), ('measure_cells_demographic', 'stroke-incidence', '911ebab5e12c4990'), ('measure_cells_organization', 'diabetes-prevalence', 'b78ac0a4a3f5f501'), ('measure_cells_organization', 'hypertension-prevalence', 'b97072e403ffd5bf'), ('measure_cells_organization', 'hyperlipidemia-prevalence', '00353c2f0f595bce'), ('measure_cells_organization', 'asthma-prevalence', '6dc0af3885ff4dbb'), ('measure_cells_organization', 'copd-prevalence', '7831792ad210d942'), ('measure_cells_organization', 'heart-failure-prevalence', '8f625396998773e4'), ('measure_cells_organization', 'ckd-prevalence', '94a2111de04dfb58'), ('measure_cells_organization', 'depression-prevalence', 'a2b73fe569e55bd5'), ('measure_cells_organization', 'obesity-prevalence', 'c0cce9896acc4302'), ('measure_cells_organization', 'cad-prevalence', '3297802622fa3344'), ('measure_cells_organization', 'atrial-fibrillation-prevalence', '5525f0e8fd04d28e'), ('measure_cells_organization', 'osteoarthritis-prevalence', 'ecadbf4f3c76c8e1'), ('measure_cells_organization', 'stroke-prevalence', '3070568158a56c6f'), ('measure_cells_organization', 'ed-visits-per-1000', 'ea290ea5da4c7557'), ('measure_cells_organization', 'inpatient-admissions-per-1000', '10215a46dd099073'), ('measure_cells_organization', 'readmission-30-day', '325fc7f74f6c80dd'), ('measure_cells_organization', 'average-length-of-stay', '1a48e3b83a54053a'), ('measure_cells_organization', 'mortality-per-1000', '9bf0cd8c854dc12e'), ('measure_cells_organization', 'hba1c-control', '9bdb82ba3c8290cb'), ('measure_cells_organization', 'hba1c-poor-control', '41fbd3c53f609e15'), ('measure_cells_organization', 'blood-pressure-control', '1b4a71573af5a19b'), ('measure_cells_organization', 'flu-vaccination', 'a958b295498669e4'), ('measure_cells_organization', 'wellness-visit-rate', 'bd6f4d8d53bd22fc'), ('measure_cells_organization', 'cost-pmpm', '8a969b4dbfc99655'), ('measure_cells_organization', 'cost-pmpm-inpatient', '371951b9adb39d31'), ('measure_cells_organization', 'cost-pmpm-emergency', 'f2312c8e7cad1625'), ('measure_cells_organization', 'cost-pmpm-ambulatory', '43e14f1315219c34'), ('measure_cells_organization', 'cost-pmpm-wellness', '80390611223e1c16'), ('measure_cells_organization', 'diabetes-incidence', '9dede0a7e73c5554'), ('measure_cells_organization', 'hypertension-incidence', '06d10ae5c8858463'), ('measure_cells_organization', 'hyperlipidemia-incidence', '587c0f1801d04c43'), ('measure_cells_organization', 'asthma-incidence', '6fc22f390114ab29'), ('measure_cells_organization', 'copd-incidence', '64834cea6ed8330e'), ('measure_cells_organization', 'heart-failure-incidence', '4e093a03bb3e464c'), ('measure_cells_organization', 'ckd-incidence', 'b90df461fc6df3c6'), ('measure_cells_organization', 'depression-incidence', 'fab6b699b42f5943'), ('measure_cells_organization', 'obesity-incidence', 'f7b1d171b3661c73'), ('measure_cells_organization', 'cad-incidence', '9b831bbda5f4d524'), ('measure_cells_organization', 'atrial-fibrillation-incidence', '166ea9d701cf85c3'), ('measure_cells_organization', 'osteoarthritis-incidence', '0251e850712c842b'), ('measure_cells_organization', 'stroke-incidence', '6f1e412ba7ad7e88'), ('measure_cells_demographic_quarter', 'diabetes-prevalence', 'd35bfa2e76ab4da6'), ('measure_cells_demographic_quarter', 'hypertension-prevalence', '04b87a251db1fe60'), ('measure_cells_demographic_quarter', 'hyperlipidemia-prevalence', '140ec4a2735608b4'), ('measure_cells_demographic_quarter', 'asthma-prevalence', 'cb03d1a9b6cad335'), ('measure_cells_demographic_quarter', 'copd-prevalence', 'b6597d0f648b6079'), ('measure_cells_demographic_quarter', 'heart-failure-prevalence', 'f021b82f771e7d2f'), ('measure_cells_demographic_quarter', 'ckd-prevalence', '1e95f1ed5a22c075'), ('measure_cells_demographic_quarter', 'depression-prevalence', '0b48f33a08b29cbe'), ('measure_cells_demographic_quarter', 'obesity-prevalence', 'fd5365db29de308c'), ('measure_cells_demographic_quarter', 'cad-prevalence', '821fa6584f34f7e8'), ('measure_cells_demographic_quarter', 'atrial-fibrillation-prevalence', 'dfabd91d41983cae'), ('measure_cells_demographic_quarter', 'osteoarthritis-prevalence', '322ce8e2cc29dd3f'), ('measure_cells_demographic_quarter', 'stroke-prevalence', '0893a91ca6859cf3'), ('measure_cells_demographic_quarter', 'ed-visits-per-1000', 'e1f920c24479832a'), ('measure_cells_demographic_quarter', 'inpatient-admissions-per-1000', '32b866aa8ccfe421'), ('measure_cells_demographic_quarter', 'readmission-30-day', '3db1d09ea830c579'), ('measure_cells_demographic_quarter', 'average-length-of-stay', '72d6d582d53e0c5f'), ('measure_cells_demographic_quarter', 'mortality-per-1000', '8ac1e8cb6cf3a6f5'), ('measure_cells_demographic_quarter', 'cost-pmpm', 'd30f09953cc06a2f'), ('measure_cells_demographic_quarter', 'cost-pmpm-inpatient', '75f72e3c5f5800c8'), ('measure_cells_demographic_quarter', 'cost-pmpm-emergency', 'ffd0dfca64d93425'), ('measure_cells_demographic_quarter', 'cost-pmpm-ambulatory', '188d0fd6d49a27a2'), ('measure_cells_demographic_quarter', 'cost-pmpm-wellness', '990f9626690a59e0'), ('measure_cells_demographic_quarter', 'diabetes-incidence', '5e5abe8a00d2d005'), ('measure_cells_demographic_quarter', 'hypertension-incidence', '0fe46627019cf1fe'), ('measure_cells_demographic_quarter', 'hyperlipidemia-incidence', 'f738e42016583fd7'), ('measure_cells_demographic_quarter', 'asthma-incidence', '23ef2cebb46ee849'), ('measure_cells_demographic_quarter', 'copd-incidence', '0cdefc4a1bb6a4a0'), ('measure_cells_demographic_quarter', 'heart-failure-incidence', '19aaa85eed158674'), ('measure_cells_demographic_quarter', 'ckd-incidence', '89b4654d99873877'), ('measure_cells_demographic_quarter', 'depression-incidence', '47d01edb3803f3a4'), ('measure_cells_demographic_quarter', 'obesity-incidence', '5352db6cc65e4cdb'), ('measure_cells_demographic_quarter', 'cad-incidence', '7d0f34b3803b0471'), ('measure_cells_demographic_quarter', 'atrial-fibrillation-incidence', '2151ea08215836a5'), ('measure_cells_demographic_quarter', 'osteoarthritis-incidence', '453190f4d2d5c2c8'), ('measure_cells_demographic_quarter', 'stroke-incidence', '911ebab5e12c4990'), ('measure_cells_organization_quarter', 'diabetes-prevalence', 'b78ac0a4a3f5f501'), ('measure_cells_organization_quarter', 'hypertension-prevalence', 'b97072e403ffd5bf'), ('measure_cells_organization_quarter', 'hyperlipidemia-prevalence', '00353c2f0f595bce'), ('measure_cells_organization_quarter', 'asthma-prevalence', '6dc0af3885ff4dbb'), ('measure_cells_organization_quarter', 'copd-prevalence', '7831792ad210d942'), ('measure_cells_organization_quarter', 'heart-failure-prevalence', '8f625396998773e4'), ('measure_cells_organization_quarter', 'ckd-prevalence', '94a2111de04dfb58'), ('measure_cells_organization_quarter', 'depression-prevalence', 'a2b73fe569e55bd5'), ('measure_cells_organization_quarter', 'obesity-prevalence', 'c0cce9896acc4302'), ('measure_cells_organization_quarter', 'cad-prevalence', '3297802622fa3344'), ('measure_cells_organization_quarter', 'atrial-fibrillation-prevalence', '5525f0e8fd04d28e'), ('measure_cells_organization_quarter', 'osteoarthritis-prevalence', 'ecadbf4f3c76c8e1'), ('measure_cells_organization_quarter', 'stroke-prevalence', '3070568158a56c6f'), ('measure_cells_organization_quarter', 'ed-visits-per-1000', 'ea290ea5da4c7557'), ('measure_cells_organization_quarter', 'inpatient-admissions-per-1000', '10215a46dd099073'), ('measure_cells_organization_quarter', 'readmission-30-day', '325fc7f74f6c80dd'), ('measure_cells_organization_quarter', 'average-length-of-stay', '1a48e3b83a54053a'), ('measure_cells_organization_quarter', 'mortality-per-1000', '9bf0cd8c854dc12e'), ('measure_cells_organization_quarter', 'cost-pmpm', '8a969b4dbfc99655'), ('measure_cells_organization_quarter', 'cost-pmpm-inpatient', '371951b9adb39d31'), ('measure_cells_organization_quarter', 'cost-pmpm-emergency', 'f2312c8e7cad1625'), ('measure_cells_organization_quarter', 'cost-pmpm-ambulatory', '43e14f1315219c34'), ('measure_cells_organization_quarter', 'cost-pmpm-wellness', '80390611223e1c16'), ('measure_cells_organization_quarter', 'diabetes-incidence', '9dede0a7e73c5554'), ('measure_cells_organization_quarter', 'hypertension-incidence', '06d10ae5c8858463'), ('measure_cells_organization_quarter', 'hyperlipidemia-incidence', '587c0f1801d04c43'), ('measure_cells_organization_quarter', 'asthma-incidence', '6fc22f390114ab29'), ('measure_cells_organization_quarter', 'copd-incidence', '64834cea6ed8330e'), ('measure_cells_organization_quarter', 'heart-failure-incidence', '4e093a03bb3e464c'), ('measure_cells_organization_quarter', 'ckd-incidence', 'b90df461fc6df3c6'), ('measure_cells_organization_quarter', 'depression-incidence', 'fab6b699b42f5943'), ('measure_cells_organization_quarter', 'obesity-incidence', 'f7b1d171b3661c73'), ('measure_cells_organization_quarter', 'cad-incidence', '9b831bbda5f4d524'), ('measure_cells_organization_quarter', 'atrial-fibrillation-incidence', '166ea9d701cf85c3'), ('measure_cells_organization_quarter', 'osteoarthritis-incidence', '0251e850712c842b'), ('measure_cells_organization_quarter', 'stroke-incidence', '6f1e412ba7ad7e88'), ('top_share_cells', 'top-5-percent-cost-share', 'c04eb25b010819da'), ('top_share_pair_cells', 'top-5-percent-cost-share', 'c04eb25b010819da');
