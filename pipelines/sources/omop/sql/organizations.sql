-- CARE_SITE (+ LOCATION) → staging.organizations: name and coarse geography, never the address.
CREATE TABLE staging.organizations AS
SELECT c._file, c._line, c.care_site_id AS id, c.care_site_name AS name, l.city, l.state, l.zip
FROM omop.care_site c
LEFT JOIN omop.location l ON l.location_id = c.location_id;
