// The state store opened by a command, without a server (audit, users and tokens, reports). The store
// has one writer at a time, so while a server holds it the command stops with its own message saying
// what to do instead. One `--state` option for every such command.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { isStateStoreError } from '../server/state/state-errors.ts';
import { openStateStore, type StateStore } from '../server/state/state-store.ts';
import { popsightHome, stateDir } from './paths.ts';

export interface StateDirOption {
  /** The state directory (default: the server's, <POPSIGHT_HOME>/state). */
  state?: string;
}

export const stateOption = (): Option => new Option('--state <dir>', 'state directory (default: the server’s, $POPSIGHT_HOME/state)');

/** Opens the state store, runs `work` on it and closes it; `held` words the error when a server holds the store. */
export async function withOfflineStateStore<T>(
  options: StateDirOption,
  held: (detail: string) => string,
  work: (store: StateStore) => Promise<T>,
  clock: () => Date = () => new Date(),
): Promise<T> {
  let store;
  try {
    store = await openStateStore(resolve(options.state ?? stateDir(popsightHome())), { clock, newId: randomUUID });
  } catch (error) {
    if (isStateStoreError(error) && error.code === 'state_in_use') throw new Error(held(error.message), { cause: error });
    throw error;
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
