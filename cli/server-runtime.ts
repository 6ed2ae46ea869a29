// The running server's address, kept in its state directory while it runs (`server.json`, readable
// by its user only), so a command that finds the state store held by that server can ask the server
// instead (as Jupyter's runtime files do): `popsight reports run` sends through it. With sign-in on,
// the file also holds a secret the server accepts as the local administrator's Bearer token for as long
// as it runs: whoever can read the file (its user) can already open the state store when it stops.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerRuntime {
  url: string;
  pid: number;
  /** With sign-in: the Bearer token of the local command line (admin, every row), new at each start. */
  token?: string;
}

const runtimeFile = (stateDir: string) => join(stateDir, 'server.json');

export function writeServerRuntime(stateDir: string, runtime: ServerRuntime): void {
  writeFileSync(runtimeFile(stateDir), JSON.stringify(runtime), { mode: 0o600 });
}

export function removeServerRuntime(stateDir: string): void {
  rmSync(runtimeFile(stateDir), { force: true });
}

/** The server that holds `stateDir`, when one says so and its process is alive. */
export function readServerRuntime(stateDir: string): ServerRuntime | undefined {
  try {
    const runtime = JSON.parse(readFileSync(runtimeFile(stateDir), 'utf8')) as ServerRuntime;
    process.kill(runtime.pid, 0); // throws when no such process
    return runtime;
  } catch {
    return undefined;
  }
}
