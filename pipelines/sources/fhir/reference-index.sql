-- fhir.ref_index: the references whose target cannot be read off the reference text (fhir.ref_fallback):
-- conditional references through an Organization's identifiers, and Bundle fullUrls that differ from the
-- resource's id. Rows the fallback resolves anyway are left out, so on Synthea data it is empty.
-- The columns are index_ref/index_id because a macro argument naming `id` would otherwise bind to them.
CREATE TABLE fhir.ref_index AS
WITH identifiers AS (
  SELECT fhir.resource_id(r.id, full_url) AS id, unnest(r.identifier) AS i FROM fhir.organization
), refs AS (
  SELECT 'Organization?identifier=' || i.system || '|' || i.value AS ref, id FROM identifiers WHERE i.system IS NOT NULL
  UNION ALL
  SELECT 'Organization?identifier=' || i.value, id FROM identifiers
  UNION ALL
  SELECT full_url, id FROM fhir.full_urls
)
SELECT ref AS index_ref, any_value(id) AS index_id FROM refs
WHERE ref IS NOT NULL AND id IS NOT NULL AND fhir.ref_fallback(ref) IS DISTINCT FROM id
GROUP BY ref;
