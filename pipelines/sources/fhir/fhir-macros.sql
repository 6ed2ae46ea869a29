-- Macros shared by the FHIR staging statements. They live in schema `fhir` of the staging database,
-- which is dropped once staging.* is built. `fhir.ref_id` is defined by reference-index.ts; the macros
-- that use it, or staging.patients, are in staging/reference-macros.sql (a macro binds what it names when created).

-- The id a reference names, read off the reference itself: `Patient/123`, `https://x/fhir/Patient/123/_history/2`,
-- `urn:uuid:123`, and for a conditional reference (`Organization?identifier=system|123`) the identifier value,
-- which is the resource's id in Synthea output. A contained reference (`#coverage`) names no resource.
CREATE MACRO fhir.ref_fallback(x) AS CASE
  WHEN x IS NULL OR x = '' OR starts_with(x, '#') THEN NULL
  WHEN starts_with(x, 'urn:uuid:') OR starts_with(x, 'urn:oid:') THEN regexp_extract(x, '^urn:(?:uuid|oid):(.*)$', 1)
  WHEN contains(x, '?') THEN regexp_extract(url_decode(x), '[=|]([^=|]*)$', 1)
  ELSE regexp_extract(x, '([^/]+)(?:/_history/[^/]+)?$', 1)
END;

-- FHIR dateTimes carry the writer's UTC offset; Synthea CSV writes UTC (`Z`), and a cast to TIMESTAMP drops an
-- offset, so an encounter across the autumn clock change would end before it starts. An offset is applied here,
-- with core functions only (no ICU). Anything else (dates, `Z`, text that is no time at all) stays as written.
CREATE MACRO fhir.utc(x) AS CASE
  WHEN regexp_matches(x, '[+-]\d\d:\d\d$') AND TRY_CAST(x AS TIMESTAMPTZ) IS NOT NULL
  THEN CASE WHEN contains(x, '.')
    THEN strftime(make_timestamp(epoch_us(TRY_CAST(x AS TIMESTAMPTZ))), '%Y-%m-%dT%H:%M:%S.%fZ')
    ELSE strftime(make_timestamp(epoch_us(TRY_CAST(x AS TIMESTAMPTZ))), '%Y-%m-%dT%H:%M:%SZ') END
  ELSE x
END;

-- A resource's logical id; a transaction Bundle may leave `id` out and name the resource by its fullUrl.
CREATE MACRO fhir.resource_id(id, full_url) AS coalesce(nullif(id, ''), fhir.ref_fallback(full_url));

-- The coding of a CodeableConcept from the preferred code system (ILIKE pattern), else its first coding.
CREATE MACRO fhir.coding(concept, system_pattern) AS
  coalesce(list_filter(concept.coding, lambda c: c.system ILIKE system_pattern)[1], concept.coding[1]);

-- Synthea's FHIR exporter writes v3 ActCode classes and folds wellness, outpatient and urgent care into AMB,
-- hospice into HH and skilled nursing into IMP (HealthRecord.EncounterType). The encounter type codes Synthea
-- gives those visits bring them back; outpatient visits share their codes with ambulatory ones and stay
-- ambulatory. Other ActCodes (FLD, SS, PRENC, ...) pass through lowercased, so the row rules flag them
-- rather than a guess hiding them.
CREATE MACRO fhir.encounter_class(class_code, type_code) AS CASE upper(class_code)
  WHEN 'AMB' THEN CASE
    WHEN type_code IN ('162673000', '410620009', '308646001') THEN 'wellness' -- general examination, well child visit, death certification
    WHEN type_code = '702927004' THEN 'urgentcare' -- urgent care clinic
    ELSE 'ambulatory' END
  WHEN 'EMER' THEN 'emergency'
  WHEN 'IMP' THEN CASE WHEN type_code = '449411000124106' THEN 'snf' ELSE 'inpatient' END -- admission to skilled nursing facility
  WHEN 'ACUTE' THEN 'inpatient'
  WHEN 'NONAC' THEN 'inpatient'
  WHEN 'HH' THEN CASE WHEN type_code = '305336008' THEN 'hospice' ELSE 'home' END -- admission to hospice
  WHEN 'VR' THEN 'virtual'
  ELSE lower(class_code)
END;

-- The OMB category codes of a US Core race or ethnicity extension (CDC Race & Ethnicity code set).
CREATE MACRO fhir.omb_codes(extensions, url) AS list_distinct(list_transform(
  list_filter(flatten(list_transform(list_filter(extensions, lambda e: e.url = url), lambda e: coalesce(e.extension, []))),
              lambda x: x.url = 'ombCategory'),
  lambda x: x.valueCoding.code));

-- Synthea's race values. No race extension stays NULL (the model reads it as 'other'); more than one
-- category, or Synthea's own UNK, is 'other'.
CREATE MACRO fhir.race(extensions) AS CASE
  WHEN NOT list_contains(list_transform(extensions, lambda e: e.url), 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race') THEN NULL
  WHEN len(fhir.omb_codes(extensions, 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race')) <> 1 THEN 'other'
  ELSE CASE fhir.omb_codes(extensions, 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race')[1]
    WHEN '2106-3' THEN 'white' WHEN '2054-5' THEN 'black' WHEN '2028-9' THEN 'asian'
    WHEN '1002-5' THEN 'native' WHEN '2076-8' THEN 'hawaiian' ELSE 'other' END
END;

CREATE MACRO fhir.ethnicity(extensions) AS CASE
  WHEN list_contains(fhir.omb_codes(extensions, 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity'), '2135-2') THEN 'hispanic'
  WHEN list_contains(fhir.omb_codes(extensions, 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity'), '2186-5') THEN 'nonhispanic'
END;

-- The address a person lives at now: a current home address, else the first one.
CREATE MACRO fhir.home_address(addresses) AS coalesce(
  list_filter(addresses, lambda a: coalesce(a.use, 'home') = 'home' AND a.period."end" IS NULL)[1], addresses[1]);

-- The value of an address extension whose URL matches a pattern (a county name or county FIPS code).
CREATE MACRO fhir.address_extension(address, url_pattern) AS list_filter(
  list_transform(list_filter(address.extension, lambda e: e.url ILIKE url_pattern), lambda e: coalesce(e.valueString, e.valueCode)),
  lambda v: v IS NOT NULL)[1];
