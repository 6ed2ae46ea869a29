// A PostgreSQL server named by a connection URL (postgres://user:password@host:port/database), as the
// publish command takes it, and the client-side COPY that streams a CSV file into it. COPY goes through
// psql's \copy (the PostgreSQL client), so the file never has to be on the server's machine.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { publishMessages } from './publish-messages.ts';

const run = promisify(execFile);

export interface PostgresServer {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** The URL without its password, for messages and logs. */
  label: string;
}

/** Parses `url`; `option` names the command-line option it came from, for the error. */
export function parsePostgresUrl(url: string, option: string): PostgresServer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(publishMessages.badUrl(option, url));
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new Error(publishMessages.badUrl(option, url));
  if (!parsed.hostname) throw new Error(publishMessages.badUrl(option, url));
  const port = parsed.port ? Number(parsed.port) : 5432;
  const user = decodeURIComponent(parsed.username) || 'postgres';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port, database, user, password, label: `postgres://${user}@${parsed.host}/${database}` };
}

export async function connect(server: PostgresServer): Promise<pg.Client> {
  const client = new pg.Client({ host: server.host, port: server.port, database: server.database, user: server.user, password: server.password });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(publishMessages.cannotConnect(server.label, error instanceof Error ? error.message : String(error)), { cause: error });
  }
  return client;
}

/** psql: $POPSIGHT_PG_BIN, Debian's postgresql-15, else the PATH's. */
export function findPsql(): string {
  const found = [process.env.POPSIGHT_PG_BIN, '/usr/lib/postgresql/15/bin'].find((dir) => dir && existsSync(join(dir, 'psql')));
  return found ? join(found, 'psql') : 'psql';
}

/**
 * Streams a CSV file (no header) into `table (columns)` of `server` through psql's \copy. Returns the
 * rows copied. Names are quoted identifiers from the publish plan, the path one we made.
 */
export async function copyCsvInto(server: PostgresServer, table: string, columns: string[], file: string): Promise<number> {
  const command = `\\copy ${table} (${columns.join(', ')}) FROM '${file.replaceAll("'", "''")}' WITH (FORMAT csv)`;
  const env = { ...process.env, PGHOST: server.host, PGPORT: String(server.port), PGDATABASE: server.database, PGUSER: server.user, ...(server.password ? { PGPASSWORD: server.password } : {}) };
  try {
    const { stdout } = await run(findPsql(), ['-X', '-v', 'ON_ERROR_STOP=1', '-c', command], { env, maxBuffer: 1 << 20 });
    return Number(/COPY (\d+)/.exec(stdout)?.[1] ?? NaN);
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error instanceof Error ? error.message : String(error));
    throw new Error(publishMessages.copyFailed(table, server.label, detail), { cause: error });
  }
}
