// A throwaway PostgreSQL cluster for section 4 and the PostgreSQL dialect test: initdb into a
// temporary folder, pg_ctl start on a free loopback port in 55400–55499 (socket in the same folder),
// and stop + remove it afterwards, also when the bench fails (registered with cleanup.ts); and the
// copy of DuckDB tables into it. As root the server runs as the `postgres` user.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import type { Database } from '../core/warehouse/database.ts';
import { duckdbDialect, sqlTypeOfDuckdb } from '../core/warehouse/dialect/duckdb.ts';
import { postgresDialect } from '../core/warehouse/dialect/postgres.ts';
import { onCleanup } from './cleanup.ts';

const run = promisify(execFile);

export interface PgCluster {
  /** Folder owned by the server's user: the data directory, the log, the socket and any files to COPY. */
  dir: string;
  port: number;
  user: string;
  version: string;
  stop(): Promise<void>;
}

/** Memory for an analytic workload on a shared machine; durability off (a throwaway copy). */
export const BENCH_SETTINGS = ['shared_buffers=1GB', 'work_mem=256MB', 'maintenance_work_mem=512MB', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_wal_size=8GB'];

/** The PostgreSQL binaries: $POPSIGHT_PG_BIN, Debian's postgresql-15, or `pg_config --bindir`. */
export async function findPgBin(): Promise<string | null> {
  const candidates = [process.env.POPSIGHT_PG_BIN, '/usr/lib/postgresql/15/bin'];
  try {
    candidates.push((await run('pg_config', ['--bindir'])).stdout.trim());
  } catch {
    /* no pg_config on the PATH */
  }
  return candidates.find((dir): dir is string => Boolean(dir) && existsSync(join(dir!, 'initdb')) && existsSync(join(dir!, 'pg_ctl'))) ?? null;
}

/** The loopback ports a cluster may take (tests and the bench may run side by side: each takes a free one). */
const PORTS = { first: 55400, count: 100 };

/** `settings`: the server's `-c` settings (the bench's by default; a test passes smaller ones). */
export async function startPgCluster(bin: string, log: (message: string) => void, settings: string[] = BENCH_SETTINGS): Promise<PgCluster> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'popsight-pg-'));
  const data = join(dir, 'data');
  const asServerUser = (command: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args));
  let started = false;
  const stop = async () => {
    if (started) await asServerUser('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch((error: Error) => log(`pg_ctl stop: ${error.message}`));
    started = false;
    rmSync(dir, { recursive: true, force: true });
  };
  const removeCleanup = onCleanup(stop);
  try {
    if (asRoot) {
      const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
      chownSync(dir, Number(uid.stdout), Number(gid.stdout));
    }
    await asServerUser('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    // Another process may take the port between the check and the start: then try another one.
    let port = 0;
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...settings.map((s) => `-c ${s}`)].join(' ');
      try {
        await asServerUser('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '120', '-o', options, 'start']);
        started = true;
      } catch (error) {
        if (attempt === 3) throw new Error(`pg_ctl start failed 3 times; the server log:\n${readLog(dir)}`, { cause: error });
      }
    }
    const { stdout } = await run(join(bin, 'postgres'), ['--version']);
    log(`  PostgreSQL cluster in ${dir}, port ${port}`);
    return {
      dir,
      port,
      user: 'postgres',
      version: stdout.trim(),
      async stop() {
        removeCleanup();
        await stop();
      },
    };
  } catch (error) {
    removeCleanup();
    await stop();
    throw error;
  }
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'server.log'), 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A port of PORTS nothing listens on, tried from a random one on (so two clusters starting together rarely pick the same). */
async function freePort(): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  const start = Math.floor(Math.random() * PORTS.count);
  for (let i = 0; i < PORTS.count; i++) {
    const port = PORTS.first + ((start + i) % PORTS.count);
    if (await tryListen(port)) return port;
  }
  throw new Error(`no free port in ${PORTS.first}–${PORTS.first + PORTS.count - 1}`);
}

/**
 * Copies DuckDB tables (`schema.table`, the same names on both sides) into the cluster: CSV export,
 * COPY, VACUUM ANALYZE, column types by the PostgreSQL dialect. Unlogged tables: a throwaway copy.
 */
export async function copyTables(db: Database, client: pg.Client, cluster: PgCluster, tables: string[], log: (message: string) => void): Promise<{ rows: number; loadSeconds: number }> {
  let rows = 0;
  let loadSeconds = 0;
  for (const schema of new Set(tables.map((t) => t.split('.')[0]!))) await client.query(`CREATE SCHEMA IF NOT EXISTS ${postgresDialect.quoteIdentifier(schema)}`);
  for (const table of tables) {
    const [duckName, pgName] = [duckdbDialect, postgresDialect].map((d) => table.split('.').map(d.quoteIdentifier).join('.')) as [string, string];
    const csv = join(cluster.dir, `${table}.csv`);
    const columns = await db.query<{ column_name: string; column_type: string }>(`DESCRIBE ${duckName}`);
    log(`  exporting ${table} to CSV …`);
    await db.run(`COPY ${duckName} TO ${duckdbDialect.quoteLiteral(csv)} (FORMAT csv, HEADER true)`);
    chmodSync(csv, 0o644); // the server's user reads it
    const started = performance.now();
    const definitions = columns.map((c) => `${postgresDialect.quoteIdentifier(c.column_name)} ${postgresDialect.typeName(sqlTypeOfDuckdb(c.column_type))}`);
    await client.query(`CREATE UNLOGGED TABLE ${pgName} (${definitions.join(', ')})`);
    const copied = await client.query(`COPY ${pgName} FROM ${postgresDialect.quoteLiteral(csv)} WITH (FORMAT csv, HEADER true)`);
    await client.query(`VACUUM ANALYZE ${pgName}`);
    loadSeconds += (performance.now() - started) / 1000;
    rows += copied.rowCount ?? 0;
    rmSync(csv, { force: true });
    log(`  PostgreSQL: ${table} ${copied.rowCount} rows`);
  }
  return { rows, loadSeconds };
}
