// The population from which a warehouse counts as large: the work that pays only at scale (the load's
// quarterly measure cells, pipelines/marts/quarter-cells.ts; the server's warm-up of default views and
// saved cohorts, server/warehouse/start-up-warm-up.ts) is done from this many people on. Below it a
// query reads its person rows in milliseconds (the bench at 20,000 people), and the work costs more
// than it saves.
export const LARGE_WAREHOUSE_PEOPLE = 100_000;
