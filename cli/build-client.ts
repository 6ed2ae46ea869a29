// The dashboard's built files (client/dist, made by `npm run build`). `popsight serve` only reads them; Vite, a
// dev dependency, is imported lazily and only where the dashboard must be built (`popsight demo`, the tests, the
// bench), so that a production install (`npm prune --omit=dev`) can serve.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const CLIENT_DIST = join(ROOT, 'client', 'dist');
const CLIENT_ROOT = join(ROOT, 'client');
/** What the dashboard is built from: its own sources and the shared core (chart specs, API types). */
const CLIENT_SOURCES = [CLIENT_ROOT, join(ROOT, 'core')];

export const clientMessages = {
  notBuilt: (dir: string) => `The dashboard is not built (${join(dir, 'index.html')} is missing): run npm run build, then start the server again.`,
  stale: (dir: string) => `The dashboard sources changed after ${dir} was built: run npm run build to serve the new version.`,
  noVite: (dir: string) => `The dashboard needs building, but Vite (a dev dependency) is not installed: run npm install && npm run build (serving the older build in ${dir} meanwhile).`,
};

/** The built dashboard for `popsight serve`: it is never built here, and a missing build is an error that says how to make it. */
export function builtClient(log: (message: string) => void, dir = CLIENT_DIST): string {
  const builtAt = builtTime(dir);
  if (builtAt === 0) throw new Error(clientMessages.notBuilt(dir));
  if (dir === CLIENT_DIST && newestSourceOf(CLIENT_SOURCES) > builtAt) log(clientMessages.stale(dir));
  return dir;
}

/** Builds the dashboard with Vite when client/dist is missing or older than the client sources. */
export async function ensureClientBuilt(log: (message: string) => void): Promise<string> {
  const builtAt = builtTime(CLIENT_DIST);
  if (builtAt > newestSourceOf(CLIENT_SOURCES)) return CLIENT_DIST;
  const vite = await import('vite').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return undefined;
  });
  if (!vite) {
    if (builtAt === 0) throw new Error(clientMessages.notBuilt(CLIENT_DIST));
    log(clientMessages.noVite(CLIENT_DIST));
    return CLIENT_DIST;
  }
  log('Building the dashboard (vite build) …');
  // Under vitest NODE_ENV is 'test', which would give Svelte's development build: force production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({ configFile: join(ROOT, 'vite.config.ts'), root: CLIENT_ROOT, logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return CLIENT_DIST;
}

function builtTime(dir: string): number {
  const index = join(dir, 'index.html');
  return existsSync(index) ? statSync(index).mtimeMs : 0;
}

const newestSourceOf = (dirs: readonly string[]): number => Math.max(...dirs.map(newestSource));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}
