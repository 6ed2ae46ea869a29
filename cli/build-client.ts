// Builds the dashboard with Vite when client/dist is missing or older than the client sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const CLIENT_DIST = join(ROOT, 'client', 'dist');

export async function ensureClientBuilt(log: (message: string) => void): Promise<string> {
  const builtAt = existsSync(join(CLIENT_DIST, 'index.html')) ? statSync(join(CLIENT_DIST, 'index.html')).mtimeMs : 0;
  if (builtAt > newestSource(join(ROOT, 'client'))) return CLIENT_DIST;
  log('Building the dashboard (vite build) …');
  const { build } = await import('vite');
  // Under vitest NODE_ENV is 'test', which would give Svelte's development build: force production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), root: join(ROOT, 'client'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return CLIENT_DIST;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}
