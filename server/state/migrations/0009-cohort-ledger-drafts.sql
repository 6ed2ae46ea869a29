-- Drafts in the cohort ledger (issue 18, docs/disclosure.md): the live builder's estimates are
-- recorded as tier 'draft' (only a rounded size of them was published) and never refuse a release;
-- 'released' is every other cohort. Rows from before are NULL: released.
ALTER TABLE cohort_ledger ADD COLUMN tier VARCHAR;
