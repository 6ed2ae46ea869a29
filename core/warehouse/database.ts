// The one DuckDB instance of a process and the helpers to query it.
// Rows leave this module as plain JS values (BIGINT → number, DATE → 'YYYY-MM-DD'), converted once here.
import { DuckDBDecimalValue, DuckDBInstance, DuckDBTimestampValue, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBValue } from '@duckdb/node-api';
import { DomainError } from '../errors.ts';
import { duckdbDialect } from './dialect/duckdb.ts';
import type { SqlDialect } from './dialect/sql-dialect.ts';

export type SqlValue = string | number | boolean | null;
export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * Keep the statement prepared on its connection and reuse it for the same SQL text: parsing,
   * binding and planning are skipped from the second run on (~0.3–0.6 ms of a 2–7 ms query over
   * the measure cells). For the few statement shapes a server runs over and over with different
   * values; one statement only (no `;`-separated scripts).
   */
  reusePlan?: boolean;
}

export interface Database {
  readonly path: string;
  /** The SQL the engine behind it speaks: every builder writes for it (DuckDB here; a sharded PostgreSQL in server/warehouse). */
  readonly dialect: SqlDialect;
  query<T extends Row = Row>(sql: string, values?: SqlValue[], options?: QueryOptions): Promise<T[]>;
  run(sql: string, values?: SqlValue[]): Promise<void>;
  /** DuckDB only: a connection of its own (the state store's transactions). */
  withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  /** Progress of the statement running now (needs `SET enable_progress_bar = true`), if any. */
  progress(): { percentage: number; rows: number } | undefined;
  close(): void;
}

export interface OpenOptions {
  readOnly?: boolean;
  /**
   * A statement still running after this many milliseconds is interrupted and fails with
   * DomainError('query_timeout'): a server's time budget per query. Unset: no limit (the load).
   */
  statementTimeoutMs?: number;
  /** DuckDB settings such as `{ threads: '2', memory_limit: '8GB' }`. */
  settings?: Record<string, string>;
}

// POPSIGHT_SLOW_SQL_MS=200 logs every statement slower than that to stderr (a development aid).
const slowSqlMs = Number(process.env.POPSIGHT_SLOW_SQL_MS ?? Infinity);

async function timed<T>(sql: string, work: () => Promise<T>): Promise<T> {
  if (!Number.isFinite(slowSqlMs)) return work();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  if (ms >= slowSqlMs) process.stderr.write(`[slow sql ${ms.toFixed(0)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 160)}\n`);
  return result;
}

export const databaseMessages = {
  queryTimeout: (ms: number) =>
    `This request needed more than ${(ms / 1000).toLocaleString('en-US')} s of database time and was stopped: narrow it (fewer or simpler criteria, a coarser period, fewer stratifiers).`,
};

/** Prepared statements kept per connection (least recently used first out). */
const MAX_PLANS_PER_CONNECTION = 64;

export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Database> {
  const settings: Record<string, string> = { ...options.settings };
  if (options.readOnly) settings.access_mode = 'READ_ONLY';
  const instance = await DuckDBInstance.create(path, settings);
  const idle: DuckDBConnection[] = [];
  const busy = new Set<DuckDBConnection>();
  const plans = new WeakMap<DuckDBConnection, PlanCache>();

  async function withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = idle.pop() ?? (await instance.connect());
    busy.add(connection);
    try {
      return await work(connection);
    } finally {
      busy.delete(connection);
      idle.push(connection);
    }
  }

  /** Runs one statement on a connection within the time budget, if there is one. */
  async function budgeted<T>(connection: DuckDBConnection, sql: string, work: () => Promise<T>): Promise<T> {
    const budget = options.statementTimeoutMs;
    if (budget === undefined) return timed(sql, work);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      connection.interrupt();
    }, budget);
    try {
      return await timed(sql, work);
    } catch (error) {
      if (timedOut) throw new DomainError('query_timeout', databaseMessages.queryTimeout(budget), { budgetMs: budget }, { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    path,
    dialect: duckdbDialect,
    withConnection,
    async query<T extends Row>(sql: string, values: SqlValue[] = [], queryOptions: QueryOptions = {}) {
      return withConnection(async (connection) => {
        const run = async () => {
          if (!queryOptions.reusePlan) return connection.runAndReadAll(sql, values as DuckDBValue[]);
          let cache = plans.get(connection);
          if (!cache) plans.set(connection, (cache = new PlanCache(connection, MAX_PLANS_PER_CONNECTION)));
          return cache.run(sql, values as DuckDBValue[]);
        };
        const reader = await budgeted(connection, sql, run);
        return reader.getRowObjects().map(toPlainRow) as T[];
      });
    },
    async run(sql: string, values: SqlValue[] = []) {
      await withConnection(async (connection) => {
        await budgeted(connection, sql, () => connection.run(sql, values as DuckDBValue[]));
      });
    },
    progress() {
      for (const connection of busy) {
        const { percentage, rows_processed } = connection.progress;
        if (percentage >= 0) return { percentage, rows: Number(rows_processed) };
      }
      return undefined;
    },
    close() {
      for (const connection of idle.splice(0)) connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Prepared statements of one connection by SQL text; a statement that fails is dropped. */
class PlanCache {
  readonly #statements = new Map<string, DuckDBPreparedStatement>();

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly max: number,
  ) {}

  async run(sql: string, values: DuckDBValue[]) {
    let statement = this.#statements.get(sql);
    if (statement) this.#statements.delete(sql); // re-inserted below as the most recently used
    else statement = await this.connection.prepare(sql);
    try {
      if (values.length > 0) statement.bind(values);
      else statement.clearBindings();
      const reader = await statement.runAndReadAll();
      this.#keep(sql, statement);
      return reader;
    } catch (error) {
      statement.destroySync();
      throw error;
    }
  }

  #keep(sql: string, statement: DuckDBPreparedStatement): void {
    this.#statements.set(sql, statement);
    for (const [oldest, evicted] of this.#statements) {
      if (this.#statements.size <= this.max) break;
      this.#statements.delete(oldest);
      evicted.destroySync();
    }
  }
}

/** The one place DuckDB values become plain JSON-friendly values. */
function toPlainRow(row: Record<string, DuckDBValue>): Row {
  const plain: Row = {};
  for (const [key, value] of Object.entries(row)) plain[key] = toPlainValue(value);
  return plain;
}

function toPlainValue(value: DuckDBValue): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? Number(value) : value;
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBTimestampValue) return new Date(Number(value.micros / 1000n)).toISOString();
  return value.toString();
}
