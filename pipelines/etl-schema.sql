-- Schemas and the bookkeeping tables of a warehouse (see docs/architecture.md).
CREATE SCHEMA IF NOT EXISTS wh.core;
CREATE SCHEMA IF NOT EXISTS wh.mart;
CREATE SCHEMA IF NOT EXISTS wh.etl;
CREATE SCHEMA IF NOT EXISTS wh.quality;
CREATE TABLE wh.etl.runs (
  run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, source VARCHAR, format VARCHAR,
  layout VARCHAR, status VARCHAR, message VARCHAR, content_hash VARCHAR
);
CREATE TABLE wh.etl.file_counts (run_id VARCHAR, file VARCHAR, read BIGINT, loaded BIGINT, quarantined BIGINT);
CREATE TABLE wh.etl.quarantine (run_id VARCHAR, file VARCHAR, line BIGINT, field VARCHAR, value VARCHAR, reason VARCHAR);
CREATE TABLE wh.etl.warehouse_info (
  data_version VARCHAR, loaded_at TIMESTAMP, min_date DATE, max_date DATE, people BIGINT
);
-- The warehouse facts the API serves (core/warehouse/warehouse-facts.ts), computed once per load
-- (pipelines/marts/store-warehouse-facts.ts): the population with its record-key sum (for the cell-key
-- perturbation), and the exact distinct people holding each value of each dimension (the threshold
-- that hides rare values is applied when read, so a policy change needs no reload).
CREATE TABLE wh.etl.population_fact (people BIGINT, key_sum BIGINT);
CREATE TABLE wh.etl.dimension_value_people (dimension VARCHAR, value VARCHAR, people BIGINT);
