-- core.payer: payers with a category the dashboard stratifies by.
CREATE TABLE wh.core.payer AS
SELECT
  payer_pseudonym(id) AS payer_id,
  name,
  CASE
    WHEN name = 'NO_INSURANCE' THEN 'Uninsured'
    WHEN name = 'Unknown payer' THEN 'Other'
    WHEN name ILIKE 'dual eligible%' THEN 'Dual Eligible'
    WHEN name ILIKE 'medicare%' THEN 'Medicare'
    WHEN name ILIKE 'medicaid%' THEN 'Medicaid'
    WHEN upper(coalesce(ownership, '')) = 'GOVERNMENT' THEN 'Other'
    ELSE 'Commercial'
  END AS category
FROM valid.payers
UNION ALL
-- The payer of enrollment inferred from encounters, when someone needs it (see coverage.sql).
SELECT pseudonym('popsight:unknown-payer'), 'Unknown payer', 'Other'
WHERE EXISTS (SELECT 1 FROM valid.encounters WHERE patient NOT IN (SELECT patient FROM valid.payer_transitions));
