// Account commands beside a running server: the server holds the state store, so a command that
// must change what the server knows (a new sign-in link, a revoked token) asks it instead, through
// its runtime file (cli/server-runtime.ts), as the local command line (an admin).
import { resolve } from 'node:path';
import { popsightHome, stateDir } from './paths.ts';
import { readServerRuntime, type ServerRuntime } from './server-runtime.ts';
import type { StateDirOption } from './offline-state.ts';

/** The server holding the state directory of `options`, when one runs. */
export const runningServerOf = (options: StateDirOption): ServerRuntime | undefined => readServerRuntime(resolve(options.state ?? stateDir(popsightHome())));

/** A refusal of the server: its status and the message of its error body. */
export class ServerRefusal extends Error {
  override name = 'ServerRefusal';
  constructor(readonly status: number, readonly code: string | undefined, message: string) {
    super(message);
  }
}

/** POSTs `body` (JSON) to `path` on the running server with its runtime token; the JSON answer, or a ServerRefusal. */
export async function postToServer<T>(server: ServerRuntime, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = server.token ? { authorization: `Bearer ${server.token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, server.url), { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  if (!response.ok) throw new ServerRefusal(response.status, answer.error?.code, `${server.url} answered ${response.status}: ${answer.error?.message ?? response.statusText}`);
  return answer as T;
}
