// Copies of the shipped Synthea fixture that tests may change (add bad rows, drop a column, ...).
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NJ27 = fileURLToPath(new URL('../fixtures/synthea-nj27-v3.0.0', import.meta.url));

export function copyOfNj27(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'popsight-extract-')), 'nj27');
  cpSync(NJ27, dir, { recursive: true });
  return dir;
}

/** A copy of nj27 with the patients whose line number (2–28) satisfies `keep`; every other file stays whole (two halves append to the whole sample). */
export function halfOfNj27(keep: (line: number) => boolean): string {
  const dir = copyOfNj27();
  rewriteFile(dir, 'patients.csv', (text) => text.split('\n').filter((line, i) => i === 0 || keep(i + 1) || line === '').join('\n'));
  return dir;
}

export function appendLines(dir: string, file: string, lines: string[]): void {
  appendFileSync(join(dir, file), lines.map((line) => `${line}\n`).join(''));
}

export function rewriteFile(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

/** The first data row of a CSV file, split naively (the fixture's first rows have no quoted commas). */
export function firstRow(dir: string, file: string): string[] {
  return readFileSync(join(dir, file), 'utf8').split('\n')[1].split(',');
}
