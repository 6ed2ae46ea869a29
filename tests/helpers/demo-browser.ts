// The setup the dashboard's browser tests share: one demo server (a real warehouse, 800 people, seed 11,
// with the built dashboard) and Debian's chromium, started before a test file's tests and closed after
// them; `api` reads the same server's JSON, which the tests compare the pages against.
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { fetchJson, launchChromium } from './browser.ts';
import { startDemoServer } from './test-server.ts';

export interface DemoBrowser {
  /** The server; set once the file's beforeAll has run. */
  readonly server: { url: string; close(): Promise<void> };
  /** The browser; set once the file's beforeAll has run. */
  readonly browser: Browser;
  /** GET a JSON body from the server, failing the test on a non-2xx answer. */
  api<T>(path: string): Promise<T>;
}

/** Registers the calling file's beforeAll (start both) and afterAll (close both). */
export function useDemoBrowser(options: { people: number; seed: number } = { people: 800, seed: 11 }): DemoBrowser {
  let server: DemoBrowser['server'] | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startDemoServer(options);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the demo ${what} is not started yet: use it inside a test or a later hook`);
    return value;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    api: <T>(path: string) => fetchJson<T>(started(server, 'server').url, path),
  };
}
