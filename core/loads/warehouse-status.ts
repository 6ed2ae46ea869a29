// `popsight status`: what a warehouse file holds and how its last load went, read without a server.
// Exact counts (people, rows): for the operator on their own machine, never for an API response.
import type { Database } from '../warehouse/database.ts';
import { warehouseMeta, type WarehouseMeta } from '../warehouse/warehouse-facts.ts';
import { readLastLoad, type LoadRun } from './load-history.ts';

export interface WarehouseStatus extends WarehouseMeta {
  file: string;
  lastLoad: LoadRun | null;
}

export async function readWarehouseStatus(db: Database): Promise<WarehouseStatus> {
  const [meta, lastLoad] = await Promise.all([warehouseMeta(db, { exactCounts: true }), readLastLoad(db)]);
  return { file: db.path, ...meta, lastLoad };
}
