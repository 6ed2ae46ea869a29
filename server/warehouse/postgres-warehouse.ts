// The warehouse a server answers from when it is a sharded PostgreSQL (popsight serve --engine): a
// publish swaps a new publication in on the coordinator, so the data version is checked at most every
// `recheckMs`, and a new version gets a new Database object: the facts, dimensions and cell catalog
// cached per Database are then read afresh, while requests already running finish as they began.
import { postgresDatabase, openPostgresPool } from './postgres-database.ts';
import type { LiveWarehouse, LiveWarehouseOptions } from './live-warehouse.ts';
import type { Database } from '../../core/warehouse/database.ts';

/** The URL without its password, for `path` and messages. */
export const redactedUrl = (url: string): string => url.replace(/(\/\/[^:/@]*):[^@/]*@/, '$1:***@');

export async function openPostgresWarehouse(url: string, options: LiveWarehouseOptions = {}): Promise<LiveWarehouse> {
  const recheckMs = options.recheckMs ?? 500;
  const pool = openPostgresPool(url, { statementTimeoutMs: options.statementTimeoutMs });
  const label = redactedUrl(url);
  const readVersion = async () => {
    const { rows } = await pool.query<{ data_version: string }>('SELECT data_version FROM etl.warehouse_info LIMIT 1');
    if (!rows[0]) throw new Error(`${label} holds no publication: run popsight publish --engine ${label} first.`);
    return rows[0].data_version;
  };
  let version: string;
  try {
    version = await readVersion();
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot serve from ${label}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  let current: Database = postgresDatabase(pool, label, options.statementTimeoutMs);
  let lastCheck = Date.now();

  async function refresh(): Promise<void> {
    if (Date.now() - lastCheck < recheckMs) return;
    lastCheck = Date.now();
    const next = await readVersion();
    if (next === version) return;
    version = next;
    current = postgresDatabase(pool, label, options.statementTimeoutMs);
  }

  return {
    path: label,
    async use(work) {
      await refresh().catch(() => undefined); // a check that fails: keep answering; the query reports the fault
      return work(current);
    },
    close() {
      void pool.end();
    },
  };
}
