-- What was billed for each encounter and what the payer paid. Synthea writes one Claim per encounter
-- (item[1].encounter) and one ExplanationOfBenefit per such Claim: EOB.total 'submitted' is the claim's total
-- cost (CSV TOTAL_CLAIM_COST) and EOB.payment the payer's share (CSV PAYER_COVERAGE). Pharmacy claims (type
-- 'pharmacy' or a prescription) are a medication's cost, not the encounter's.

-- A claim's lines: position, what each bills (the first code of productOrService) and its price.
CREATE MACRO fhir.priced_items(items) AS
  list_transform(items, lambda i, n: {'position': n, 'code': i.productOrService.coding[1].code, 'net': i.net.value});

-- fhir.encounter_bills: each encounter claim with its EOB, its person, day of service and payer. The priced lines (item.net) are the Claim's, else,
-- when the Claim prices none, its EOB's (which repeats them).
CREATE TABLE fhir.encounter_bills AS
WITH claims AS (
  SELECT
    _file, _line,
    fhir.resource_id(r.id, full_url) AS claim_id,
    fhir.item_encounter(r.item) AS encounter,
    fhir.ref_id(r.patient.reference) AS patient,
    fhir.utc(coalesce(r.billablePeriod.start, r.item[1].servicedPeriod.start, r.item[1].servicedDate)) AS service_date,
    r.total.value AS total,
    fhir.claim_payer(r.insurer, r.insurance[1].coverage, p.payer) AS payer,
    fhir.priced_items(r.item) AS items,
    r.prescription.reference IS NOT NULL OR coalesce(r.type.coding[1].code, '') = 'pharmacy' AS pharmacy
  FROM fhir.claim LEFT JOIN fhir.coverage_payers p ON p.coverage_id = fhir.ref_id(r.insurance[1].coverage.reference)
), eobs AS (
  SELECT
    _file, _line,
    fhir.ref_id(r.claim.reference) AS claim_id,
    fhir.item_encounter(r.item) AS encounter,
    fhir.ref_id(r.patient.reference) AS patient,
    -- Synthea's EOB.billablePeriod runs from the end of the encounter for a year (the time to bill it): the
    -- items' serviced period is the service, the billable period only a last resort.
    fhir.utc(coalesce(r.item[1].servicedPeriod.start, r.item[1].servicedDate, r.billablePeriod.start)) AS service_date,
    list_filter(r.total, lambda t: list_contains(list_transform(t.category.coding, lambda c: c.code), 'submitted'))[1].amount.value AS total,
    r.payment.amount.value AS paid,
    fhir.claim_payer(r.insurer, r.insurance[1].coverage, coalesce(p.payer, fhir.contained_payer(r.contained, r.insurance[1].coverage))) AS payer,
    fhir.priced_items(r.item) AS items,
    coalesce(r.type.coding[1].code, '') = 'pharmacy' AS pharmacy
  FROM fhir.eob LEFT JOIN fhir.coverage_payers p ON p.coverage_id = fhir.ref_id(r.insurance[1].coverage.reference)
)
SELECT
  coalesce(c._file, e._file) AS _file, coalesce(c._line, e._line) AS _line,
  coalesce(c.claim_id, e.claim_id) AS claim_id,
  coalesce(c.patient, e.patient) AS patient,
  coalesce(c.service_date, e.service_date) AS service_date,
  coalesce(e.encounter, c.encounter) AS encounter,
  coalesce(e.total, c.total) AS total,
  e.paid,
  coalesce(e.payer, c.payer) AS payer,
  CASE WHEN list_bool_or(list_transform(c.items, lambda i: i.net IS NOT NULL)) THEN c.items ELSE e.items END AS items
FROM eobs e FULL OUTER JOIN claims c ON e.claim_id = c.claim_id
WHERE NOT coalesce(e.pharmacy, false) AND NOT coalesce(c.pharmacy, false);

-- fhir.encounter_claims: the encounter's cost and payer. Without an EOB the Claim's total is used; several
-- claims for one encounter are summed.
CREATE TABLE fhir.encounter_claims AS
SELECT
  encounter,
  CASE WHEN count(*) = 1 THEN any_value(total) ELSE sum(TRY_CAST(total AS DOUBLE))::VARCHAR END AS total_cost,
  CASE WHEN count(*) = 1 THEN any_value(paid) ELSE sum(TRY_CAST(paid AS DOUBLE))::VARCHAR END AS payer_coverage,
  any_value(payer) AS payer
FROM fhir.encounter_bills
WHERE encounter IS NOT NULL
GROUP BY encounter;

-- fhir.claim_lines: the priced lines of the encounters' claims, for the base costs that Synthea CSV has and
-- FHIR resources do not (BASE_ENCOUNTER_COST, and BASE_COST of procedures and immunizations). Synthea bills
-- the visit itself as a claim's first item, its productOrService the encounter's type, and each procedure
-- and vaccine as one more item with that resource's code; all lines belong to the claim's encounter. `visit` marks such a first item; `ordinal` numbers
-- the visit lines, and apart from them the lines of one encounter and code, in billing order. Items carry no
-- reference to the resource they bill, so the n-th procedure or immunization of an encounter and code, in
-- file order, takes the n-th such line. Lines without a price are numbered, then left out.
CREATE TABLE fhir.claim_lines AS
WITH items AS (
  SELECT _file, _line, encounter, unnest(items) AS i FROM fhir.encounter_bills
  WHERE encounter IS NOT NULL
), types AS (
  -- min(): one type per id, should an Encounter come twice (the row rules quarantine the second).
  SELECT fhir.resource_id(r.id, full_url) AS id, min(fhir.coding(r.type[1], '%snomed%').code) AS type FROM fhir.encounter GROUP BY 1
), lines AS (
  SELECT l._file, l._line, l.encounter, l.i.code AS code, l.i.net AS net, l.i.position AS position,
    coalesce(l.i.position = 1 AND l.i.code = t.type, false) AS visit
  FROM items l LEFT JOIN types t ON t.id = l.encounter
  WHERE l.i.code IS NOT NULL
), numbered AS (
  SELECT encounter, code, net, visit,
    row_number() OVER (PARTITION BY encounter, code, visit ORDER BY _file, _line, position) AS ordinal
  FROM lines
)
SELECT * FROM numbered WHERE net IS NOT NULL;
