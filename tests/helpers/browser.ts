// Debian's chromium driven by playwright-core (never a downloaded browser), with the flags this
// closed network needs, and the JSON fetch the browser tests compare pages against.
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** GET a JSON body from the test server, failing the test on a non-2xx answer. */
export async function fetchJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(new URL(path, base));
  expect(response.ok, `${path} → ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

/** The id of the element that has the keyboard focus ('' for none, or one without an id). */
export const activeElementId = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.id ?? '');
