// Runs once before all test files: build the dashboard now, so test files running in parallel
// never start competing Vite builds of client/dist; and give the run one temporary folder, which
// every test file (and every process they start) inherits as TMPDIR and which is removed at the end,
// so the folders tests make with mkdtemp do not pile up in the system temp folder.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureClientBuilt } from '../../cli/build-client.ts';

export default async function setup(): Promise<() => void> {
  await ensureClientBuilt((message) => console.log(message));
  const runTmp = mkdtempSync(join(tmpdir(), 'popsight-tests-'));
  // mkdtemp makes it 0700; the bench smoke test runs PostgreSQL as the postgres user in a folder inside.
  chmodSync(runTmp, 0o755);
  process.env.TMPDIR = runTmp;
  return () => {
    if (process.env.POPSIGHT_KEEP_TEST_TMP) console.log(`test files kept in ${runTmp}`);
    else rmSync(runTmp, { recursive: true, force: true });
  };
}
