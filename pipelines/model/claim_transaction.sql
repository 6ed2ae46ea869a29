-- core.claim_transaction: charges, payments, adjustments and transfers of each claim.
CREATE TABLE wh.core.claim_transaction AS
SELECT
  pseudonym(id) AS claim_transaction_id,
  pseudonym(claim) AS claim_id,
  person_pseudonym(patient) AS person_id,
  type,
  TRY_CAST(amount AS DOUBLE) AS amount,
  TRY_CAST(payments AS DOUBLE) AS payments,
  TRY_CAST(adjustments AS DOUBLE) AS adjustments,
  TRY_CAST(outstanding AS DOUBLE) AS outstanding,
  parse_ts(fromdate)::DATE AS from_date,
  nullif(procedurecode, '') AS procedure_code,
  TRY_CAST(units AS DOUBLE) AS units
FROM valid.claims_transactions;
