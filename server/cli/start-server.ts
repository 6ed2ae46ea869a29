// Starts the HTTP server on a warehouse file; used by `popsight serve`, `popsight demo` and the tests.
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.ts';
import { openLiveWarehouse } from '../warehouse/live-warehouse.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: { warehouse: string; port: number; host?: string; clientDir?: string }): Promise<RunningServer> {
  const warehouse = await openLiveWarehouse(options.warehouse);
  const app = createApp({ warehouse, clientDir: options.clientDir });
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
