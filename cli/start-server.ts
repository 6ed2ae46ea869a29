// Starts the HTTP server on a warehouse file; used by `popsight serve`, `popsight demo` and the tests.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/app.ts';
import { openLiveWarehouse } from '../server/warehouse/live-warehouse.ts';
import { openCohortStore } from '../server/state/cohort-store.ts';
import { popsightHome, stateDir } from './paths.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** `stateDir` (saved cohorts) defaults to <POPSIGHT_HOME>/state. */
export interface ServerOptions {
  warehouse: string;
  port: number;
  host?: string;
  clientDir?: string;
  stateDir?: string;
  /** MiB of rendered measure responses kept in memory (default 64); 0 answers every request afresh. */
  responseCacheMb?: number;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const warehouse = await openLiveWarehouse(options.warehouse);
  const responseCache = options.responseCacheMb === undefined ? undefined : { maxBytes: options.responseCacheMb * 1024 * 1024 };
  const clock = () => new Date();
  const state = { cohorts: openCohortStore(options.stateDir ?? stateDir(popsightHome()), { clock, newId: randomUUID }) };
  const app = createApp({ warehouse, clientDir: options.clientDir, state, clock, responseCache });
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const listening = app.listen(options.port, options.host ?? '0.0.0.0', () => resolve(listening));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${!options.host || options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          warehouse.close();
          resolve();
        });
      }),
  };
}
