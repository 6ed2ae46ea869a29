-- Cohort storage bounded per user (issue 15): who saved each cohort (the principal: user:<name>,
-- token:<id> or local), so each one's count and bytes can be capped. Cohorts saved before are NULL:
-- nobody's, and counted against no one.
ALTER TABLE cohorts ADD COLUMN owner VARCHAR;
