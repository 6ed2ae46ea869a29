// Starts the Popsight server in its own process, so its memory can be read from /proc and the
// bench's own work (HTTP client, direct DuckDB, autocannon) is not counted in it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { processMemory, splitLines } from './child-process.ts';
import { tsxCommand, type BenchContext } from './context.ts';
import { onCleanup } from './cleanup.ts';

export interface ServerProcess {
  url: string;
  pid: number;
  memory(): { rssBytes: number | null; peakRssBytes: number | null };
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** 0 serves every request afresh, as a server that has never seen it would. */
  responseCacheMb?: number;
  /** Sign-in on (every caller identified; the bench's callers by an API token made in `stateDir`). */
  signIn?: boolean;
  /** The state folder (default <work>/state); two servers running at once need one each. */
  stateDir?: string;
  /** false leaves out the start-up warm-up (a truly cold server). */
  warmUp?: boolean;
}

export async function startServerProcess(ctx: BenchContext, warehouse: string, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const cache = options.responseCacheMb === undefined ? '' : String(options.responseCacheMb);
  const stateDir = options.stateDir ?? join(ctx.workDir, 'state');
  const [command, args] = tsxCommand('bench/serve-child.ts', [warehouse, stateDir, cache, ...(options.signIn ? ['sign-in'] : [])]);
  const env = options.warmUp === false ? { ...ctx.childEnv, POPSIGHT_BENCH_WARM_UP: '0' } : ctx.childEnv;
  const child = spawn(command, args, { cwd: ctx.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  splitLines(child.stderr!, (line) => {
    stderr.push(line);
    ctx.log(`  [server] ${line}`);
  });
  const stop = () => stopChild(child);
  const removeCleanup = onCleanup(stop);
  const url = await new Promise<string>((resolve, reject) => {
    splitLines(child.stdout!, (line) => {
      try {
        resolve((JSON.parse(line) as { url: string }).url);
      } catch {
        ctx.log(`  [server] ${line}`);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${stderr.slice(-10).join('\n')}`)));
  });
  return {
    url,
    pid: child.pid!,
    memory: () => processMemory(child.pid),
    async stop() {
      removeCleanup();
      await stop();
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
