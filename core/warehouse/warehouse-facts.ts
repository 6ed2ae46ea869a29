// Facts about the warehouse the server answers from, cached per warehouse generation
// (a new file is a new Database object, so a reload never serves stale facts).
import type { Database } from './database.ts';
import { DIMENSIONS, DIMENSION_NAMES, type Dimension } from '../measures/dimensions.ts';

export interface WarehouseMeta {
  dataVersion: string;
  loadedAt: string;
  dateRange: { start: string; end: string };
  people: number;
}

export type DimensionValues = Record<Dimension, string[]>;

const metaCache = new WeakMap<Database, Promise<WarehouseMeta>>();
const dimensionCache = new WeakMap<Database, Promise<DimensionValues>>();

export function warehouseMeta(db: Database): Promise<WarehouseMeta> {
  let meta = metaCache.get(db);
  if (!meta) {
    meta = db
      .query<{ data_version: string; loaded_at: string; min_date: string; max_date: string; people: number }>(
        'SELECT * FROM etl.warehouse_info LIMIT 1',
      )
      .then(([row]) => ({
        dataVersion: row.data_version,
        loadedAt: row.loaded_at,
        dateRange: { start: row.min_date, end: row.max_date },
        people: row.people,
      }));
    metaCache.set(db, meta);
  }
  return meta;
}

export function dimensionValues(db: Database): Promise<DimensionValues> {
  let values = dimensionCache.get(db);
  if (!values) {
    values = (async () => {
      const entries = await Promise.all(
        DIMENSION_NAMES.map(async (name) => {
          const rows = await db.query<{ value: string }>(
            `SELECT DISTINCT ${DIMENSIONS[name]} AS value FROM mart.person_year WHERE ${DIMENSIONS[name]} IS NOT NULL ORDER BY 1`,
          );
          return [name, rows.map((r) => String(r.value))] as const;
        }),
      );
      return Object.fromEntries(entries) as DimensionValues;
    })();
    dimensionCache.set(db, values);
  }
  return values;
}
