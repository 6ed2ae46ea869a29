CREATE TABLE wh.mart.measure_cells_demographic (measure_id VARCHAR, period_start DATE,
       sex VARCHAR, age_band VARCHAR, std_age_group VARCHAR, race VARCHAR, ethnicity VARCHAR, payer VARCHAR, county VARCHAR, zip3 VARCHAR,
       numerator DOUBLE, denominator DOUBLE, numerator_people BIGINT, denominator_people BIGINT, sum_yy DOUBLE, sum_xx DOUBLE, sum_xy DOUBLE, n BIGINT);

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE has_diabetes))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE has_diabetes))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (count(*) FILTER (WHERE has_hypertension))::DOUBLE AS m1_numerator,
              (count(*))::DOUBLE AS m1_denominator,
              (count(*) FILTER (WHERE has_hypertension))::BIGINT AS m1_numerator_people,
              (count(*))::BIGINT AS m1_denominator_people,
              (count(*) FILTER (WHERE has_hyperlipidemia))::DOUBLE AS m2_numerator,
              (count(*))::DOUBLE AS m2_denominator,
              (count(*) FILTER (WHERE has_hyperlipidemia))::BIGINT AS m2_numerator_people,
              (count(*))::BIGINT AS m2_denominator_people,
              (count(*) FILTER (WHERE has_asthma))::DOUBLE AS m3_numerator,
              (count(*))::DOUBLE AS m3_denominator,
              (count(*) FILTER (WHERE has_asthma))::BIGINT AS m3_numerator_people,
              (count(*))::BIGINT AS m3_denominator_people,
              (count(*) FILTER (WHERE has_copd))::DOUBLE AS m4_numerator,
              (count(*))::DOUBLE AS m4_denominator,
              (count(*) FILTER (WHERE has_copd))::BIGINT AS m4_numerator_people,
              (count(*))::BIGINT AS m4_denominator_people,
              (count(*) FILTER (WHERE has_heart_failure))::DOUBLE AS m5_numerator,
              (count(*))::DOUBLE AS m5_denominator,
              (count(*) FILTER (WHERE has_heart_failure))::BIGINT AS m5_numerator_people,
              (count(*))::BIGINT AS m5_denominator_people,
              (count(*) FILTER (WHERE has_ckd))::DOUBLE AS m6_numerator,
              (count(*))::DOUBLE AS m6_denominator,
              (count(*) FILTER (WHERE has_ckd))::BIGINT AS m6_numerator_people,
              (count(*))::BIGINT AS m6_denominator_people,
              (count(*) FILTER (WHERE has_depression))::DOUBLE AS m7_numerator,
              (count(*))::DOUBLE AS m7_denominator,
              (count(*) FILTER (WHERE has_depression))::BIGINT AS m7_numerator_people,
              (count(*))::BIGINT AS m7_denominator_people,
              (count(*) FILTER (WHERE has_obesity))::DOUBLE AS m8_numerator,
              (count(*))::DOUBLE AS m8_denominator,
              (count(*) FILTER (WHERE has_obesity))::BIGINT AS m8_numerator_people,
              (count(*))::BIGINT AS m8_denominator_people,
              (count(*) FILTER (WHERE has_cad))::DOUBLE AS m9_numerator,
              (count(*))::DOUBLE AS m9_denominator,
              (count(*) FILTER (WHERE has_cad))::BIGINT AS m9_numerator_people,
              (count(*))::BIGINT AS m9_denominator_people,
              (count(*) FILTER (WHERE has_atrial_fibrillation))::DOUBLE AS m10_numerator,
              (count(*))::DOUBLE AS m10_denominator,
              (count(*) FILTER (WHERE has_atrial_fibrillation))::BIGINT AS m10_numerator_people,
              (count(*))::BIGINT AS m10_denominator_people,
              (count(*) FILTER (WHERE has_osteoarthritis))::DOUBLE AS m11_numerator,
              (count(*))::DOUBLE AS m11_denominator,
              (count(*) FILTER (WHERE has_osteoarthritis))::BIGINT AS m11_numerator_people,
              (count(*))::BIGINT AS m11_denominator_people,
              (count(*) FILTER (WHERE has_stroke))::DOUBLE AS m12_numerator,
              (count(*))::DOUBLE AS m12_denominator,
              (count(*) FILTER (WHERE has_stroke))::BIGINT AS m12_numerator_people,
              (count(*))::BIGINT AS m12_denominator_people,
              (sum(ed_visits))::DOUBLE AS m13_numerator,
              (sum(member_months) / 12)::DOUBLE AS m13_denominator,
              (count(*) FILTER (WHERE ed_visits > 0))::BIGINT AS m13_numerator_people,
              (count(*))::BIGINT AS m13_denominator_people,
              (sum(inpatient_admits))::DOUBLE AS m14_numerator,
              (sum(member_months) / 12)::DOUBLE AS m14_denominator,
              (count(*) FILTER (WHERE inpatient_admits > 0))::BIGINT AS m14_numerator_people,
              (count(*))::BIGINT AS m14_denominator_people,
              (sum(readmissions_30d))::DOUBLE AS m15_numerator,
              (sum(index_discharges))::DOUBLE AS m15_denominator,
              (count(*) FILTER (WHERE readmissions_30d > 0))::BIGINT AS m15_numerator_people,
              (count(*) FILTER (WHERE index_discharges > 0))::BIGINT AS m15_denominator_people,
              sum(inpatient_days)::DOUBLE AS m16_numerator,
              sum(inpatient_discharges)::DOUBLE AS m16_denominator,
              sum((inpatient_days) * (inpatient_days))::DOUBLE AS m16_sum_yy,
              sum((inpatient_discharges) * (inpatient_discharges))::DOUBLE AS m16_sum_xx,
              sum((inpatient_discharges) * (inpatient_days))::DOUBLE AS m16_sum_xy,
              count(*)::BIGINT AS m16_n,
              (count(*) FILTER (WHERE inpatient_discharges > 0))::BIGINT AS m16_numerator_people,
              (count(*) FILTER (WHERE inpatient_discharges > 0))::BIGINT AS m16_denominator_people,
              (count(*) FILTER (WHERE died))::DOUBLE AS m17_numerator,
              (sum(member_months) / 12)::DOUBLE AS m17_denominator,
              (count(*) FILTER (WHERE died))::BIGINT AS m17_numerator_people,
              (count(*))::BIGINT AS m17_denominator_people,
              (count(*) FILTER (WHERE flu_vaccinations > 0))::DOUBLE AS m18_numerator,
              (count(*))::DOUBLE AS m18_denominator,
              (count(*) FILTER (WHERE flu_vaccinations > 0))::BIGINT AS m18_numerator_people,
              (count(*))::BIGINT AS m18_denominator_people,
              (count(*) FILTER (WHERE wellness_visits > 0))::DOUBLE AS m19_numerator,
              (count(*))::DOUBLE AS m19_denominator,
              (count(*) FILTER (WHERE wellness_visits > 0))::BIGINT AS m19_numerator_people,
              (count(*))::BIGINT AS m19_denominator_people,
              sum(cost)::DOUBLE AS m20_numerator,
              sum(member_months)::DOUBLE AS m20_denominator,
              sum((cost) * (cost))::DOUBLE AS m20_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m20_sum_xx,
              sum((member_months) * (cost))::DOUBLE AS m20_sum_xy,
              count(*)::BIGINT AS m20_n,
              (count(*) FILTER (WHERE cost > 0))::BIGINT AS m20_numerator_people,
              (count(*))::BIGINT AS m20_denominator_people,
              sum(cost_inpatient)::DOUBLE AS m21_numerator,
              sum(member_months)::DOUBLE AS m21_denominator,
              sum((cost_inpatient) * (cost_inpatient))::DOUBLE AS m21_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m21_sum_xx,
              sum((member_months) * (cost_inpatient))::DOUBLE AS m21_sum_xy,
              count(*)::BIGINT AS m21_n,
              (count(*) FILTER (WHERE cost_inpatient > 0))::BIGINT AS m21_numerator_people,
              (count(*))::BIGINT AS m21_denominator_people,
              sum(cost_emergency)::DOUBLE AS m22_numerator,
              sum(member_months)::DOUBLE AS m22_denominator,
              sum((cost_emergency) * (cost_emergency))::DOUBLE AS m22_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m22_sum_xx,
              sum((member_months) * (cost_emergency))::DOUBLE AS m22_sum_xy,
              count(*)::BIGINT AS m22_n,
              (count(*) FILTER (WHERE cost_emergency > 0))::BIGINT AS m22_numerator_people,
              (count(*))::BIGINT AS m22_denominator_people,
              sum(cost_ambulatory)::DOUBLE AS m23_numerator,
              sum(member_months)::DOUBLE AS m23_denominator,
              sum((cost_ambulatory) * (cost_ambulatory))::DOUBLE AS m23_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m23_sum_xx,
              sum((member_months) * (cost_ambulatory))::DOUBLE AS m23_sum_xy,
              count(*)::BIGINT AS m23_n,
              (count(*) FILTER (WHERE cost_ambulatory > 0))::BIGINT AS m23_numerator_people,
              (count(*))::BIGINT AS m23_denominator_people,
              sum(cost_wellness)::DOUBLE AS m24_numerator,
              sum(member_months)::DOUBLE AS m24_denominator,
              sum((cost_wellness) * (cost_wellness))::DOUBLE AS m24_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m24_sum_xx,
              sum((member_months) * (cost_wellness))::DOUBLE AS m24_sum_xy,
              count(*)::BIGINT AS m24_n,
              (count(*) FILTER (WHERE cost_wellness > 0))::BIGINT AS m24_numerator_people,
              (count(*))::BIGINT AS m24_denominator_people
       FROM wh.mart.person_year WHERE true GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'diabetes-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'hypertension-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m1_numerator, m1_denominator, m1_numerator_people, m1_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'hyperlipidemia-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m2_numerator, m2_denominator, m2_numerator_people, m2_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'asthma-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m3_numerator, m3_denominator, m3_numerator_people, m3_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'copd-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m4_numerator, m4_denominator, m4_numerator_people, m4_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'heart-failure-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m5_numerator, m5_denominator, m5_numerator_people, m5_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'ckd-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m6_numerator, m6_denominator, m6_numerator_people, m6_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'depression-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m7_numerator, m7_denominator, m7_numerator_people, m7_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'obesity-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m8_numerator, m8_denominator, m8_numerator_people, m8_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cad-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m9_numerator, m9_denominator, m9_numerator_people, m9_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'atrial-fibrillation-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m10_numerator, m10_denominator, m10_numerator_people, m10_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'osteoarthritis-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m11_numerator, m11_denominator, m11_numerator_people, m11_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'stroke-prevalence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m12_numerator, m12_denominator, m12_numerator_people, m12_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'ed-visits-per-1000', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m13_numerator, m13_denominator, m13_numerator_people, m13_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'inpatient-admissions-per-1000', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m14_numerator, m14_denominator, m14_numerator_people, m14_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'readmission-30-day', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m15_numerator, m15_denominator, m15_numerator_people, m15_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'average-length-of-stay', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m16_numerator, m16_denominator, m16_numerator_people, m16_denominator_people, m16_sum_yy, m16_sum_xx, m16_sum_xy, m16_n
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'mortality-per-1000', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m17_numerator, m17_denominator, m17_numerator_people, m17_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'flu-vaccination', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m18_numerator, m18_denominator, m18_numerator_people, m18_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'wellness-visit-rate', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m19_numerator, m19_denominator, m19_numerator_people, m19_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cost-pmpm', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m20_numerator, m20_denominator, m20_numerator_people, m20_denominator_people, m20_sum_yy, m20_sum_xx, m20_sum_xy, m20_n
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cost-pmpm-inpatient', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m21_numerator, m21_denominator, m21_numerator_people, m21_denominator_people, m21_sum_yy, m21_sum_xx, m21_sum_xy, m21_n
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cost-pmpm-emergency', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m22_numerator, m22_denominator, m22_numerator_people, m22_denominator_people, m22_sum_yy, m22_sum_xx, m22_sum_xy, m22_n
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cost-pmpm-ambulatory', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m23_numerator, m23_denominator, m23_numerator_people, m23_denominator_people, m23_sum_yy, m23_sum_xx, m23_sum_xy, m23_n
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cost-pmpm-wellness', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m24_numerator, m24_denominator, m24_numerator_people, m24_denominator_people, m24_sum_yy, m24_sum_xx, m24_sum_xy, m24_n
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE last_hba1c < 8.0))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE last_hba1c < 8.0))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (count(*) FILTER (WHERE last_hba1c > 9.0 OR last_hba1c IS NULL))::DOUBLE AS m1_numerator,
              (count(*))::DOUBLE AS m1_denominator,
              (count(*) FILTER (WHERE last_hba1c > 9.0 OR last_hba1c IS NULL))::BIGINT AS m1_numerator_people,
              (count(*))::BIGINT AS m1_denominator_people
       FROM wh.mart.person_year WHERE has_diabetes AND age BETWEEN 18 AND 75 GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'hba1c-control', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'hba1c-poor-control', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m1_numerator, m1_denominator, m1_numerator_people, m1_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE last_systolic < 140 AND last_diastolic < 90))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE last_systolic < 140 AND last_diastolic < 90))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE has_hypertension AND age BETWEEN 18 AND 85 GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'blood-pressure-control', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_diabetes BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_diabetes BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_diabetes IS NULL OR onset_diabetes >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'diabetes-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_hypertension BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_hypertension BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_hypertension IS NULL OR onset_hypertension >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'hypertension-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_hyperlipidemia BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_hyperlipidemia BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_hyperlipidemia IS NULL OR onset_hyperlipidemia >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'hyperlipidemia-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_asthma BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_asthma BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_asthma IS NULL OR onset_asthma >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'asthma-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_copd BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_copd BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_copd IS NULL OR onset_copd >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'copd-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_heart_failure BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_heart_failure BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_heart_failure IS NULL OR onset_heart_failure >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'heart-failure-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_ckd BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_ckd BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_ckd IS NULL OR onset_ckd >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'ckd-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_depression BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_depression BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_depression IS NULL OR onset_depression >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'depression-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_obesity BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_obesity BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_obesity IS NULL OR onset_obesity >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'obesity-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_cad BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_cad BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_cad IS NULL OR onset_cad >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'cad-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_atrial_fibrillation BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_atrial_fibrillation BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_atrial_fibrillation IS NULL OR onset_atrial_fibrillation >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'atrial-fibrillation-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_osteoarthritis BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_osteoarthritis BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_osteoarthritis IS NULL OR onset_osteoarthritis >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'osteoarthritis-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3,
              (count(*) FILTER (WHERE onset_stroke BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_stroke BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_stroke IS NULL OR onset_stroke >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_demographic
          SELECT 'stroke-incidence', period_start, sex, age_band, std_age_group, race, ethnicity, payer, county, zip3, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

DROP TABLE IF EXISTS cells_pass;

CREATE TABLE wh.mart.measure_cells_organization (measure_id VARCHAR, period_start DATE,
       organization VARCHAR, sex VARCHAR, age_band VARCHAR, std_age_group VARCHAR,
       numerator DOUBLE, denominator DOUBLE, numerator_people BIGINT, denominator_people BIGINT, sum_yy DOUBLE, sum_xx DOUBLE, sum_xy DOUBLE, n BIGINT);

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE has_diabetes))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE has_diabetes))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (count(*) FILTER (WHERE has_hypertension))::DOUBLE AS m1_numerator,
              (count(*))::DOUBLE AS m1_denominator,
              (count(*) FILTER (WHERE has_hypertension))::BIGINT AS m1_numerator_people,
              (count(*))::BIGINT AS m1_denominator_people,
              (count(*) FILTER (WHERE has_hyperlipidemia))::DOUBLE AS m2_numerator,
              (count(*))::DOUBLE AS m2_denominator,
              (count(*) FILTER (WHERE has_hyperlipidemia))::BIGINT AS m2_numerator_people,
              (count(*))::BIGINT AS m2_denominator_people,
              (count(*) FILTER (WHERE has_asthma))::DOUBLE AS m3_numerator,
              (count(*))::DOUBLE AS m3_denominator,
              (count(*) FILTER (WHERE has_asthma))::BIGINT AS m3_numerator_people,
              (count(*))::BIGINT AS m3_denominator_people,
              (count(*) FILTER (WHERE has_copd))::DOUBLE AS m4_numerator,
              (count(*))::DOUBLE AS m4_denominator,
              (count(*) FILTER (WHERE has_copd))::BIGINT AS m4_numerator_people,
              (count(*))::BIGINT AS m4_denominator_people,
              (count(*) FILTER (WHERE has_heart_failure))::DOUBLE AS m5_numerator,
              (count(*))::DOUBLE AS m5_denominator,
              (count(*) FILTER (WHERE has_heart_failure))::BIGINT AS m5_numerator_people,
              (count(*))::BIGINT AS m5_denominator_people,
              (count(*) FILTER (WHERE has_ckd))::DOUBLE AS m6_numerator,
              (count(*))::DOUBLE AS m6_denominator,
              (count(*) FILTER (WHERE has_ckd))::BIGINT AS m6_numerator_people,
              (count(*))::BIGINT AS m6_denominator_people,
              (count(*) FILTER (WHERE has_depression))::DOUBLE AS m7_numerator,
              (count(*))::DOUBLE AS m7_denominator,
              (count(*) FILTER (WHERE has_depression))::BIGINT AS m7_numerator_people,
              (count(*))::BIGINT AS m7_denominator_people,
              (count(*) FILTER (WHERE has_obesity))::DOUBLE AS m8_numerator,
              (count(*))::DOUBLE AS m8_denominator,
              (count(*) FILTER (WHERE has_obesity))::BIGINT AS m8_numerator_people,
              (count(*))::BIGINT AS m8_denominator_people,
              (count(*) FILTER (WHERE has_cad))::DOUBLE AS m9_numerator,
              (count(*))::DOUBLE AS m9_denominator,
              (count(*) FILTER (WHERE has_cad))::BIGINT AS m9_numerator_people,
              (count(*))::BIGINT AS m9_denominator_people,
              (count(*) FILTER (WHERE has_atrial_fibrillation))::DOUBLE AS m10_numerator,
              (count(*))::DOUBLE AS m10_denominator,
              (count(*) FILTER (WHERE has_atrial_fibrillation))::BIGINT AS m10_numerator_people,
              (count(*))::BIGINT AS m10_denominator_people,
              (count(*) FILTER (WHERE has_osteoarthritis))::DOUBLE AS m11_numerator,
              (count(*))::DOUBLE AS m11_denominator,
              (count(*) FILTER (WHERE has_osteoarthritis))::BIGINT AS m11_numerator_people,
              (count(*))::BIGINT AS m11_denominator_people,
              (count(*) FILTER (WHERE has_stroke))::DOUBLE AS m12_numerator,
              (count(*))::DOUBLE AS m12_denominator,
              (count(*) FILTER (WHERE has_stroke))::BIGINT AS m12_numerator_people,
              (count(*))::BIGINT AS m12_denominator_people,
              (sum(ed_visits))::DOUBLE AS m13_numerator,
              (sum(member_months) / 12)::DOUBLE AS m13_denominator,
              (count(*) FILTER (WHERE ed_visits > 0))::BIGINT AS m13_numerator_people,
              (count(*))::BIGINT AS m13_denominator_people,
              (sum(inpatient_admits))::DOUBLE AS m14_numerator,
              (sum(member_months) / 12)::DOUBLE AS m14_denominator,
              (count(*) FILTER (WHERE inpatient_admits > 0))::BIGINT AS m14_numerator_people,
              (count(*))::BIGINT AS m14_denominator_people,
              (sum(readmissions_30d))::DOUBLE AS m15_numerator,
              (sum(index_discharges))::DOUBLE AS m15_denominator,
              (count(*) FILTER (WHERE readmissions_30d > 0))::BIGINT AS m15_numerator_people,
              (count(*) FILTER (WHERE index_discharges > 0))::BIGINT AS m15_denominator_people,
              sum(inpatient_days)::DOUBLE AS m16_numerator,
              sum(inpatient_discharges)::DOUBLE AS m16_denominator,
              sum((inpatient_days) * (inpatient_days))::DOUBLE AS m16_sum_yy,
              sum((inpatient_discharges) * (inpatient_discharges))::DOUBLE AS m16_sum_xx,
              sum((inpatient_discharges) * (inpatient_days))::DOUBLE AS m16_sum_xy,
              count(*)::BIGINT AS m16_n,
              (count(*) FILTER (WHERE inpatient_discharges > 0))::BIGINT AS m16_numerator_people,
              (count(*) FILTER (WHERE inpatient_discharges > 0))::BIGINT AS m16_denominator_people,
              (count(*) FILTER (WHERE died))::DOUBLE AS m17_numerator,
              (sum(member_months) / 12)::DOUBLE AS m17_denominator,
              (count(*) FILTER (WHERE died))::BIGINT AS m17_numerator_people,
              (count(*))::BIGINT AS m17_denominator_people,
              (count(*) FILTER (WHERE flu_vaccinations > 0))::DOUBLE AS m18_numerator,
              (count(*))::DOUBLE AS m18_denominator,
              (count(*) FILTER (WHERE flu_vaccinations > 0))::BIGINT AS m18_numerator_people,
              (count(*))::BIGINT AS m18_denominator_people,
              (count(*) FILTER (WHERE wellness_visits > 0))::DOUBLE AS m19_numerator,
              (count(*))::DOUBLE AS m19_denominator,
              (count(*) FILTER (WHERE wellness_visits > 0))::BIGINT AS m19_numerator_people,
              (count(*))::BIGINT AS m19_denominator_people,
              sum(cost)::DOUBLE AS m20_numerator,
              sum(member_months)::DOUBLE AS m20_denominator,
              sum((cost) * (cost))::DOUBLE AS m20_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m20_sum_xx,
              sum((member_months) * (cost))::DOUBLE AS m20_sum_xy,
              count(*)::BIGINT AS m20_n,
              (count(*) FILTER (WHERE cost > 0))::BIGINT AS m20_numerator_people,
              (count(*))::BIGINT AS m20_denominator_people,
              sum(cost_inpatient)::DOUBLE AS m21_numerator,
              sum(member_months)::DOUBLE AS m21_denominator,
              sum((cost_inpatient) * (cost_inpatient))::DOUBLE AS m21_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m21_sum_xx,
              sum((member_months) * (cost_inpatient))::DOUBLE AS m21_sum_xy,
              count(*)::BIGINT AS m21_n,
              (count(*) FILTER (WHERE cost_inpatient > 0))::BIGINT AS m21_numerator_people,
              (count(*))::BIGINT AS m21_denominator_people,
              sum(cost_emergency)::DOUBLE AS m22_numerator,
              sum(member_months)::DOUBLE AS m22_denominator,
              sum((cost_emergency) * (cost_emergency))::DOUBLE AS m22_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m22_sum_xx,
              sum((member_months) * (cost_emergency))::DOUBLE AS m22_sum_xy,
              count(*)::BIGINT AS m22_n,
              (count(*) FILTER (WHERE cost_emergency > 0))::BIGINT AS m22_numerator_people,
              (count(*))::BIGINT AS m22_denominator_people,
              sum(cost_ambulatory)::DOUBLE AS m23_numerator,
              sum(member_months)::DOUBLE AS m23_denominator,
              sum((cost_ambulatory) * (cost_ambulatory))::DOUBLE AS m23_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m23_sum_xx,
              sum((member_months) * (cost_ambulatory))::DOUBLE AS m23_sum_xy,
              count(*)::BIGINT AS m23_n,
              (count(*) FILTER (WHERE cost_ambulatory > 0))::BIGINT AS m23_numerator_people,
              (count(*))::BIGINT AS m23_denominator_people,
              sum(cost_wellness)::DOUBLE AS m24_numerator,
              sum(member_months)::DOUBLE AS m24_denominator,
              sum((cost_wellness) * (cost_wellness))::DOUBLE AS m24_sum_yy,
              sum((member_months) * (member_months))::DOUBLE AS m24_sum_xx,
              sum((member_months) * (cost_wellness))::DOUBLE AS m24_sum_xy,
              count(*)::BIGINT AS m24_n,
              (count(*) FILTER (WHERE cost_wellness > 0))::BIGINT AS m24_numerator_people,
              (count(*))::BIGINT AS m24_denominator_people
       FROM wh.mart.person_year WHERE true GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'diabetes-prevalence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'hypertension-prevalence', period_start, organization, sex, age_band, std_age_group, m1_numerator, m1_denominator, m1_numerator_people, m1_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'hyperlipidemia-prevalence', period_start, organization, sex, age_band, std_age_group, m2_numerator, m2_denominator, m2_numerator_people, m2_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'asthma-prevalence', period_start, organization, sex, age_band, std_age_group, m3_numerator, m3_denominator, m3_numerator_people, m3_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'copd-prevalence', period_start, organization, sex, age_band, std_age_group, m4_numerator, m4_denominator, m4_numerator_people, m4_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'heart-failure-prevalence', period_start, organization, sex, age_band, std_age_group, m5_numerator, m5_denominator, m5_numerator_people, m5_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'ckd-prevalence', period_start, organization, sex, age_band, std_age_group, m6_numerator, m6_denominator, m6_numerator_people, m6_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'depression-prevalence', period_start, organization, sex, age_band, std_age_group, m7_numerator, m7_denominator, m7_numerator_people, m7_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'obesity-prevalence', period_start, organization, sex, age_band, std_age_group, m8_numerator, m8_denominator, m8_numerator_people, m8_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cad-prevalence', period_start, organization, sex, age_band, std_age_group, m9_numerator, m9_denominator, m9_numerator_people, m9_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'atrial-fibrillation-prevalence', period_start, organization, sex, age_band, std_age_group, m10_numerator, m10_denominator, m10_numerator_people, m10_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'osteoarthritis-prevalence', period_start, organization, sex, age_band, std_age_group, m11_numerator, m11_denominator, m11_numerator_people, m11_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'stroke-prevalence', period_start, organization, sex, age_band, std_age_group, m12_numerator, m12_denominator, m12_numerator_people, m12_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'ed-visits-per-1000', period_start, organization, sex, age_band, std_age_group, m13_numerator, m13_denominator, m13_numerator_people, m13_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'inpatient-admissions-per-1000', period_start, organization, sex, age_band, std_age_group, m14_numerator, m14_denominator, m14_numerator_people, m14_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'readmission-30-day', period_start, organization, sex, age_band, std_age_group, m15_numerator, m15_denominator, m15_numerator_people, m15_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'average-length-of-stay', period_start, organization, sex, age_band, std_age_group, m16_numerator, m16_denominator, m16_numerator_people, m16_denominator_people, m16_sum_yy, m16_sum_xx, m16_sum_xy, m16_n
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'mortality-per-1000', period_start, organization, sex, age_band, std_age_group, m17_numerator, m17_denominator, m17_numerator_people, m17_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'flu-vaccination', period_start, organization, sex, age_band, std_age_group, m18_numerator, m18_denominator, m18_numerator_people, m18_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'wellness-visit-rate', period_start, organization, sex, age_band, std_age_group, m19_numerator, m19_denominator, m19_numerator_people, m19_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cost-pmpm', period_start, organization, sex, age_band, std_age_group, m20_numerator, m20_denominator, m20_numerator_people, m20_denominator_people, m20_sum_yy, m20_sum_xx, m20_sum_xy, m20_n
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cost-pmpm-inpatient', period_start, organization, sex, age_band, std_age_group, m21_numerator, m21_denominator, m21_numerator_people, m21_denominator_people, m21_sum_yy, m21_sum_xx, m21_sum_xy, m21_n
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cost-pmpm-emergency', period_start, organization, sex, age_band, std_age_group, m22_numerator, m22_denominator, m22_numerator_people, m22_denominator_people, m22_sum_yy, m22_sum_xx, m22_sum_xy, m22_n
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cost-pmpm-ambulatory', period_start, organization, sex, age_band, std_age_group, m23_numerator, m23_denominator, m23_numerator_people, m23_denominator_people, m23_sum_yy, m23_sum_xx, m23_sum_xy, m23_n
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cost-pmpm-wellness', period_start, organization, sex, age_band, std_age_group, m24_numerator, m24_denominator, m24_numerator_people, m24_denominator_people, m24_sum_yy, m24_sum_xx, m24_sum_xy, m24_n
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE last_hba1c < 8.0))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE last_hba1c < 8.0))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people,
              (count(*) FILTER (WHERE last_hba1c > 9.0 OR last_hba1c IS NULL))::DOUBLE AS m1_numerator,
              (count(*))::DOUBLE AS m1_denominator,
              (count(*) FILTER (WHERE last_hba1c > 9.0 OR last_hba1c IS NULL))::BIGINT AS m1_numerator_people,
              (count(*))::BIGINT AS m1_denominator_people
       FROM wh.mart.person_year WHERE has_diabetes AND age BETWEEN 18 AND 75 GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'hba1c-control', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'hba1c-poor-control', period_start, organization, sex, age_band, std_age_group, m1_numerator, m1_denominator, m1_numerator_people, m1_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE last_systolic < 140 AND last_diastolic < 90))::DOUBLE AS m0_numerator,
              (count(*))::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE last_systolic < 140 AND last_diastolic < 90))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE has_hypertension AND age BETWEEN 18 AND 85 GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'blood-pressure-control', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_diabetes BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_diabetes BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_diabetes IS NULL OR onset_diabetes >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'diabetes-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_hypertension BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_hypertension BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_hypertension IS NULL OR onset_hypertension >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'hypertension-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_hyperlipidemia BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_hyperlipidemia BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_hyperlipidemia IS NULL OR onset_hyperlipidemia >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'hyperlipidemia-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_asthma BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_asthma BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_asthma IS NULL OR onset_asthma >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'asthma-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_copd BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_copd BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_copd IS NULL OR onset_copd >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'copd-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_heart_failure BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_heart_failure BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_heart_failure IS NULL OR onset_heart_failure >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'heart-failure-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_ckd BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_ckd BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_ckd IS NULL OR onset_ckd >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'ckd-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_depression BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_depression BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_depression IS NULL OR onset_depression >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'depression-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_obesity BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_obesity BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_obesity IS NULL OR onset_obesity >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'obesity-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_cad BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_cad BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_cad IS NULL OR onset_cad >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'cad-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_atrial_fibrillation BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_atrial_fibrillation BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_atrial_fibrillation IS NULL OR onset_atrial_fibrillation >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'atrial-fibrillation-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_osteoarthritis BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_osteoarthritis BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_osteoarthritis IS NULL OR onset_osteoarthritis >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'osteoarthritis-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, organization, sex, age_band, std_age_group,
              (count(*) FILTER (WHERE onset_stroke BETWEEN period_start AND period_end))::DOUBLE AS m0_numerator,
              (sum(member_months) / 12)::DOUBLE AS m0_denominator,
              (count(*) FILTER (WHERE onset_stroke BETWEEN period_start AND period_end))::BIGINT AS m0_numerator_people,
              (count(*))::BIGINT AS m0_denominator_people
       FROM wh.mart.person_year WHERE (onset_stroke IS NULL OR onset_stroke >= period_start) GROUP BY ALL;

INSERT INTO wh.mart.measure_cells_organization
          SELECT 'stroke-incidence', period_start, organization, sex, age_band, std_age_group, m0_numerator, m0_denominator, m0_numerator_people, m0_denominator_people, NULL, NULL, NULL, NULL
          FROM cells_pass;

DROP TABLE IF EXISTS cells_pass;

CREATE TABLE wh.mart.top_share_cells (measure_id VARCHAR, dimension VARCHAR, stratum VARCHAR, period_start DATE,
       numerator DOUBLE, denominator DOUBLE, numerator_people BIGINT, denominator_people BIGINT);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', '', NULL, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key,
                 list_sum(list_slice(max((cost)::DOUBLE, 45), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'sex', stratum0, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, sex AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 25), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', stratum0, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, age_band AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', stratum0, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'race', stratum0, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, race AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'ethnicity', stratum0, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, ethnicity AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'payer', stratum0, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, payer AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'county', stratum0, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, county AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'zip3', stratum0, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, zip3 AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_cells
        SELECT 'top-5-percent-cost-share', 'organization', stratum0, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, organization AS stratum0,
                 list_sum(list_slice(max((cost)::DOUBLE, 2), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

CREATE TABLE wh.mart.top_share_pair_cells (measure_id VARCHAR, dimension0 VARCHAR, dimension1 VARCHAR, stratum0 VARCHAR, stratum1 VARCHAR,
       period_start DATE, numerator DOUBLE, denominator DOUBLE, numerator_people BIGINT, denominator_people BIGINT);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'ageBand', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, sex AS stratum0, age_band AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'stdAgeGroup', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, sex AS stratum0, std_age_group AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'race', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, sex AS stratum0, race AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'ethnicity', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, sex AS stratum0, ethnicity AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'payer', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, sex AS stratum0, payer AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'county', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, sex AS stratum0, county AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, sex AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'sex', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, sex AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 2), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'stdAgeGroup', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, age_band AS stratum0, std_age_group AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'race', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, age_band AS stratum0, race AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'ethnicity', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, age_band AS stratum0, ethnicity AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'payer', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, age_band AS stratum0, payer AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'county', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, age_band AS stratum0, county AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, age_band AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ageBand', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, age_band AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', 'race', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0, race AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', 'ethnicity', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0, ethnicity AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', 'payer', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0, payer AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', 'county', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0, county AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'stdAgeGroup', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, std_age_group AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'race', 'ethnicity', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, race AS stratum0, ethnicity AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'race', 'payer', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, race AS stratum0, payer AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'race', 'county', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, race AS stratum0, county AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'race', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, race AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'race', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, race AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ethnicity', 'payer', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, ethnicity AS stratum0, payer AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ethnicity', 'county', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, ethnicity AS stratum0, county AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ethnicity', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, ethnicity AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'ethnicity', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, ethnicity AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'payer', 'county', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, payer AS stratum0, county AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'payer', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, payer AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'payer', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, payer AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'county', 'zip3', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, county AS stratum0, zip3 AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'county', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, county AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

INSERT INTO wh.mart.top_share_pair_cells
        SELECT 'top-5-percent-cost-share', 'zip3', 'organization', stratum0, stratum1, period_key, numerator, denominator, numerator_people, denominator_people
        FROM (SELECT period_start AS period_key, zip3 AS stratum0, organization AS stratum1,
                 list_sum(list_slice(max((cost)::DOUBLE, 1), 1, ceil(0.05 * count(*))::BIGINT))::DOUBLE AS numerator,
                 sum((cost)::DOUBLE)::DOUBLE AS denominator, ceil(0.05 * count(*))::BIGINT AS numerator_people, (count(*))::BIGINT AS denominator_people
          FROM wh.mart.person_year WHERE true GROUP BY ALL);

CREATE TABLE wh.mart.measure_cells_catalog (cell_table VARCHAR, measure_id VARCHAR, definition_hash VARCHAR);

INSERT INTO wh.mart.measure_cells_catalog VALUES ('measure_cells_demographic', 'diabetes-prevalence', '1ad7429d06289dc0'), ('measure_cells_demographic', 'hypertension-prevalence', '5deabc46dba36b34'), ('measure_cells_demographic', 'hyperlipidemia-prevalence', '00be311fb270c1aa'), ('measure_cells_demographic', 'asthma-prevalence', '00cf0163d36804a9'), ('measure_cells_demographic', 'copd-prevalence', '75a8dac21b84cbc9'), ('measure_cells_demographic', 'heart-failure-prevalence', '5717c809324c67af'), ('measure_cells_demographic', 'ckd-prevalence', '01117891f327066b'), ('measure_cells_demographic', 'depression-prevalence', 'be7ad38de11b96b3'), ('measure_cells_demographic', 'obesity-prevalence', '779fb056033a6945'), ('measure_cells_demographic', 'cad-prevalence', 'be67409e0e06af7f'), ('measure_cells_demographic', 'atrial-fibrillation-prevalence', '2b90c1ae3e38b469'), ('measure_cells_demographic', 'osteoarthritis-prevalence', '92c85e68661ccefc'), ('measure_cells_demographic', 'stroke-prevalence', '4d9567cba12c7e30'), ('measure_cells_demographic', 'ed-visits-per-1000', '72857f2aba8d3005'), ('measure_cells_demographic', 'inpatient-admissions-per-1000', 'dcb36d04c5a821a8'), ('measure_cells_demographic', 'readmission-30-day', 'acd277f421d3e6f9'), ('measure_cells_demographic', 'average-length-of-stay', '400978c8c04c8ec2'), ('measure_cells_demographic', 'mortality-per-1000', 'a1331108b566ed3d'), ('measure_cells_demographic', 'hba1c-control', '3b2a79a2eb0b355a'), ('measure_cells_demographic', 'hba1c-poor-control', '2d5a6b1413acffda'), ('measure_cells_demographic', 'blood-pressure-control', '7dcc0d7a5eafe0ac'), ('measure_cells_demographic', 'flu-vaccination', 'aedaa8e60f826af7'), ('measure_cells_demographic', 'wellness-visit-rate', '7aa5b5766faabf40'), ('measure_cells_demographic', 'cost-pmpm', '20555c51b892f93e'), ('measure_cells_demographic', 'cost-pmpm-inpatient', 'f4826a7d383bea29'), ('measure_cells_demographic', 'cost-pmpm-emergency', '9e4598a0a9a18754'), ('measure_cells_demographic', 'cost-pmpm-ambulatory', '7713f859b0fcff17'), ('measure_cells_demographic', 'cost-pmpm-wellness', '00d67a7952a92e64'), ('measure_cells_demographic', 'diabetes-incidence', '9cb419f605ec0b24'), ('measure_cells_demographic', 'hypertension-incidence', 'b5f771ff40c3b1fc'), ('measure_cells_demographic', 'hyperlipidemia-incidence', '75f5901a53febdf4'), ('measure_cells_demographic', 'asthma-incidence', '02e748e2cd805244'), ('measure_cells_demographic', 'copd-incidence', 'c7acfabc69cc8a86'), ('measure_cells_demographic', 'heart-failure-incidence', 'bf6135a1b21ea4c7'), ('measure_cells_demographic', 'ckd-incidence', '2180d2b28ceb8bd5'), ('measure_cells_demographic', 'depression-incidence', 'aa8e91a0cb835d75'), ('measure_cells_demographic', 'obesity-incidence', '5eb3cfe587babd7c'), ('measure_cells_demographic', 'cad-incidence', '3fab507d660634d6'), ('measure_cells_demographic', 'atrial-fibrillation-incidence', 'be51310359e9d3dd'), ('measure_cells_demographic', 'osteoarthritis-incidence', '83beb7bb7301a006'), ('measure_cells_demographic', 'stroke-incidence', '7b34db2bff32865e'), ('measure_cells_organization', 'diabetes-prevalence', 'bb608033bf51aaa6'), ('measure_cells_organization', 'hypertension-prevalence', '508d7c1795a67930'), ('measure_cells_organization', 'hyperlipidemia-prevalence', '2025a7c1c5ab3178'), ('measure_cells_organization', 'asthma-prevalence', '1d4d55096f031f39'), ('measure_cells_organization', 'copd-prevalence', 'a7e1f9576741f2d1'), ('measure_cells_organization', 'heart-failure-prevalence', '1644157498057e5f'), ('measure_cells_organization', 'ckd-prevalence', '3ddb5c367f3e2e8d'), ('measure_cells_organization', 'depression-prevalence', 'a4b2a0e4117062fe'), ('measure_cells_organization', 'obesity-prevalence', '3e6ca706b53dabab'), ('measure_cells_organization', 'cad-prevalence', '774e52e1a3276f2c'), ('measure_cells_organization', 'atrial-fibrillation-prevalence', '05eae7596afde7e9'), ('measure_cells_organization', 'osteoarthritis-prevalence', '3b1b8e35611f91b4'), ('measure_cells_organization', 'stroke-prevalence', '195a4f463d9fed69'), ('measure_cells_organization', 'ed-visits-per-1000', '2385588f29e2c250'), ('measure_cells_organization', 'inpatient-admissions-per-1000', 'e9d45c8e2dc05684'), ('measure_cells_organization', 'readmission-30-day', 'b1f954d595414e84'), ('measure_cells_organization', 'average-length-of-stay', 'd5f0e1e693ef0ace'), ('measure_cells_organization', 'mortality-per-1000', 'be93ad01332cd7d0'), ('measure_cells_organization', 'hba1c-control', '2bed487e8d3cece6'), ('measure_cells_organization', 'hba1c-poor-control', '08fdcb7e2dfff698'), ('measure_cells_organization', 'blood-pressure-control', '8c64752868ed262e'), ('measure_cells_organization', 'flu-vaccination', '0c865701f4ff46a8'), ('measure_cells_organization', 'wellness-visit-rate', '929dd381d7c9626f'), ('measure_cells_organization', 'cost-pmpm', 'a6e669bae712acd9'), ('measure_cells_organization', 'cost-pmpm-inpatient', '6fe5d50dc56890a2'), ('measure_cells_organization', 'cost-pmpm-emergency', '0711ca8bbf808750'), ('measure_cells_organization', 'cost-pmpm-ambulatory', '9c7e1e128dc8b4e2'), ('measure_cells_organization', 'cost-pmpm-wellness', 'b762653f45a284cf'), ('measure_cells_organization', 'diabetes-incidence', 'c0003f677b93475f'), ('measure_cells_organization', 'hypertension-incidence', 'b95b358fe62c165d'), ('measure_cells_organization', 'hyperlipidemia-incidence', '64b21bb7d15db4ac'), ('measure_cells_organization', 'asthma-incidence', '9cd5c6c8dd4b0fc2'), ('measure_cells_organization', 'copd-incidence', '48890dbfd5c12bfa'), ('measure_cells_organization', 'heart-failure-incidence', 'e61549b661416e9c'), ('measure_cells_organization', 'ckd-incidence', 'bdc0a254177f13bd'), ('measure_cells_organization', 'depression-incidence', '361618c9c88f8bd1'), ('measure_cells_organization', 'obesity-incidence', 'f8b5d8eae6fd99a5'), ('measure_cells_organization', 'cad-incidence', 'b51b6658298457ad'), ('measure_cells_organization', 'atrial-fibrillation-incidence', '643e7862c7ffd72a'), ('measure_cells_organization', 'osteoarthritis-incidence', '66d46aa55ab69252'), ('measure_cells_organization', 'stroke-incidence', 'c38234d92c5bab8a'), ('top_share_cells', 'top-5-percent-cost-share', '419e8b2eaac7a256'), ('top_share_pair_cells', 'top-5-percent-cost-share', '419e8b2eaac7a256');
