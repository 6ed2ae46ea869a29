// Starts the HTTP server on a warehouse file; used by `popsight serve`, `popsight demo` and the tests.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/app.ts';
import { openLiveWarehouse, type LiveWarehouse } from '../server/warehouse/live-warehouse.ts';
import { openStateStore } from '../server/state/state-store.ts';
import { popsightHome, stateDir } from './paths.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** `stateDir` (the state store, `state.duckdb`) defaults to <POPSIGHT_HOME>/state. */
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
  const clock = () => new Date();
  // The state first: a state directory held by another server stops the start before anything else opens.
  const state = await openStateStore(options.stateDir ?? stateDir(popsightHome()), { clock, newId: randomUUID });
  let warehouse: LiveWarehouse | undefined;
  let server: Server;
  try {
    warehouse = await openLiveWarehouse(options.warehouse);
    const responseCache = options.responseCacheMb === undefined ? undefined : { maxBytes: options.responseCacheMb * 1024 * 1024 };
    const app = createApp({ warehouse, clientDir: options.clientDir, state: { cohorts: state.cohorts }, responseCache });
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(options.port, options.host ?? '0.0.0.0', () => resolve(listening));
      listening.once('error', reject);
    });
  } catch (error) {
    warehouse?.close();
    await state.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const served = warehouse;
  return {
    url: `http://${!options.host || options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(() => {
          served.close();
          state.close().then(resolve, reject);
        });
      }),
  };
}
