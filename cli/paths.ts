// Where Popsight keeps its local state: POPSIGHT_HOME (default ./.popsight) holds the demo data,
// the demo warehouse, the generated pseudonym key and the server's state store (state/state.duckdb).
import { join, resolve } from 'node:path';

export function popsightHome(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.POPSIGHT_HOME ?? '.popsight');
}

export const secretsFile = (home: string) => join(home, 'secrets', 'pseudonym.key');
export const demoWarehouse = (home: string) => join(home, 'demo', 'warehouse.duckdb');
export const demoExtract = (home: string) => join(home, 'demo', 'synthea');
export const stateDir = (home: string) => join(home, 'state');
