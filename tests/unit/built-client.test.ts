// `popsight serve` serves the dashboard that `npm run build` made and never builds it (a production install has no Vite).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtClient, clientMessages } from '../../cli/build-client.ts';

describe('the built dashboard that popsight serve uses', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-client-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('says to run npm run build when the build is missing', () => {
    const dir = tempDir();
    expect(() => builtClient(() => undefined, dir)).toThrow(clientMessages.notBuilt(dir));
    expect(clientMessages.notBuilt(dir)).toContain('run npm run build');
  });

  it('serves an existing build as it is', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const logged: string[] = [];
    expect(builtClient((message) => logged.push(message), dir)).toBe(dir);
    expect(logged).toEqual([]);
  });
});
