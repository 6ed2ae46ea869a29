// Starts the HTTP server on a warehouse file; used by `popsight serve`, `popsight demo` and the tests.
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.ts';
import { openLiveWarehouse } from '../warehouse/live-warehouse.ts';
import { popsightHome, stateDir } from './paths.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** `stateDir` (saved cohorts) defaults to <POPSIGHT_HOME>/state. */
export async function startServer(options: { warehouse: string; port: number; host?: string; clientDir?: string; stateDir?: string }): Promise<RunningServer> {
  const warehouse = await openLiveWarehouse(options.warehouse);
  const app = createApp({ warehouse, clientDir: options.clientDir, stateDir: options.stateDir ?? stateDir(popsightHome()) });
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
