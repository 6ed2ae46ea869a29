// A throwaway PostgreSQL cluster for section 4: initdb into a temporary folder, pg_ctl start on a
// free loopback port (socket in the same folder), and stop + remove it afterwards, also when the
// bench fails (registered with cleanup.ts). As root the server runs as the `postgres` user.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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
const SETTINGS = ['shared_buffers=1GB', 'work_mem=256MB', 'maintenance_work_mem=512MB', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_wal_size=8GB'];

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

export async function startPgCluster(bin: string, log: (message: string) => void): Promise<PgCluster> {
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
      port = await freePort(attempt === 1 ? 55432 : 0);
      const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...SETTINGS.map((s) => `-c ${s}`)].join(' ');
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

/** `preferred` if nothing listens there, else a port the kernel picks. */
async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address() as { port: number };
        server.close(() => resolve(bound));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0))!;
}
