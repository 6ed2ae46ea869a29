// A real server on a real, temporary warehouse: generates a small population, loads it and serves it
// (with the built dashboard) on an ephemeral port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePopulation } from '../../generator/index.ts';
import { loadExtract } from '../../pipelines/load.ts';
import type { QuarterCells } from '../../pipelines/marts/quarter-cells.ts';
import { ensureClientBuilt } from '../../cli/build-client.ts';
import { startServer } from '../../cli/start-server.ts';
import { quietLoadDeps } from './test-env.ts';

export interface TestWarehouse {
  dir: string;
  warehouse: string;
  extract: string;
  remove(): void;
}

/**
 * Generates `people` synthetic people and loads them into a temporary warehouse file. A test
 * population is small, so by default (`auto`) it gets no quarterly measure cells: `quarterCells:
 * 'always'` builds them for a test of the cells themselves.
 */
export async function buildTestWarehouse(options: { people?: number; seed?: number; quarterCells?: QuarterCells } = {}): Promise<TestWarehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-test-'));
  const extract = join(dir, 'synthea');
  const warehouse = join(dir, 'warehouse.duckdb');
  await generatePopulation({ people: options.people ?? 1_000, seed: options.seed ?? 7, outDir: extract });
  await loadExtract(
    { source: extract, warehouse, secretsFile: join(dir, 'secrets', 'key'), quarterCells: options.quarterCells },
    quietLoadDeps,
  );
  return { dir, warehouse, extract, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `exactCounts` serves exact counts (the trusted-environment setting) instead of perturbed ones. */
export async function startDemoServer(options: { people?: number; seed?: number; exactCounts?: boolean } = {}): Promise<{ url: string; warehouse: string; close(): Promise<void> }> {
  const built = await buildTestWarehouse(options);
  const clientDir = await ensureClientBuilt(() => undefined);
  const server = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', clientDir, exactCounts: options.exactCounts });
  return {
    url: server.url,
    warehouse: built.warehouse,
    async close() {
      await server.close();
      built.remove();
    },
  };
}
