// Error messages never echo a record (issue 14, finding 3): structural errors name the file, the line
// and the column and show the header only as a shape; links and non-regular files are refused.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { isLoadError } from '../../pipelines/load-errors.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { appendLines, copyOfNj27, rewriteFile } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

async function loadError(source: string, format: 'auto' | 'omop' = 'auto'): Promise<Error> {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-red-'));
  const error = await loadExtract({ source, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key'), format }, quietLoadDeps).catch((e: unknown) => e);
  expect(isLoadError(error), String(error)).toBe(true);
  return error as Error;
}

describe('structural errors show the shape of a header, never its values', () => {
  it('a patients.csv without its header line names the file and the column, and no value of the first patient', async () => {
    const extract = copyOfNj27();
    const firstPatient = readFileSync(join(extract, 'patients.csv'), 'utf8').split('\n')[1].split(',');
    rewriteFile(extract, 'patients.csv', (text) => text.slice(text.indexOf('\n') + 1));
    const error = await loadError(extract);
    expect(error.message).toMatch(/^patients\.csv: column Id is missing from the header \(line 1\); the header has 25 fields: <text>, <date>, <empty>, <text>/);
    expect(error.message).toMatch(/is the header line missing\?$/);
    for (const value of firstPatient.filter((v) => v.length > 2)) expect(error.message).not.toContain(value);
    expect(error.message).not.toMatch(/999-|Maynard|Stamm|42\.36|Somerville/);
  });

  it('a renamed column still shows the known column names', async () => {
    const extract = copyOfNj27();
    rewriteFile(extract, 'encounters.csv', (text) => text.replace('ENCOUNTERCLASS', 'ENCOUNTER_KIND'));
    const error = await loadError(extract);
    expect(error.message).toMatch(/^encounters\.csv: column ENCOUNTERCLASS is missing from the header \(line 1\); the header has 15 fields: Id, START, STOP, PATIENT, ORGANIZATION, <text>/);
  });
});

describe('links and non-regular files are refused, never followed', () => {
  it('refuses a patients.csv that links to /etc/passwd, without reading it', async () => {
    const extract = copyOfNj27();
    rmSync(join(extract, 'patients.csv'));
    symlinkSync('/etc/passwd', join(extract, 'patients.csv'));
    const error = await loadError(extract);
    expect(error.message).toBe('patients.csv: is a symbolic link; Popsight reads only regular files (copy the file itself into the extract folder)');
  });
  it('refuses a link to another CSV file too', async () => {
    const extract = copyOfNj27();
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'popsight-red-')), 'devices.csv');
    writeFileSync(elsewhere, readFileSync(join(extract, 'devices.csv')));
    rmSync(join(extract, 'devices.csv'));
    symlinkSync(elsewhere, join(extract, 'devices.csv'));
    expect((await loadError(extract)).message).toMatch(/^devices\.csv: is a symbolic link/);
  });
  it('refuses a folder where a file should be', async () => {
    const extract = copyOfNj27();
    rmSync(join(extract, 'payers.csv'));
    mkdirSync(join(extract, 'payers.csv'));
    expect((await loadError(extract)).message).toMatch(/^payers\.csv: is not a regular file/);
  });
  it('refuses a linked FHIR NDJSON file', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'popsight-red-')), 'fhir');
    mkdirSync(dir);
    symlinkSync('/etc/passwd', join(dir, 'Patient.ndjson'));
    expect((await loadError(dir)).message).toMatch(/^Patient\.ndjson: is a symbolic link/);
  });
});

describe('the quarantine stores no identifying value', () => {
  it('keeps ids as pseudonyms, numbers and dates as they are, and other text only as its length', async () => {
    const extract = copyOfNj27();
    const enc = readFileSync(join(extract, 'encounters.csv'), 'utf8').split('\n')[1].split(',');
    const encounterWith = (changes: Record<number, string>) => enc.map((v, i) => changes[i] ?? v).join(',');
    appendLines(extract, 'encounters.csv', [
      encounterWith({ 0: 'e-name-as-class', 7: 'Maynard46 Mosciski958' }), // 606
      encounterWith({ 0: 'e-orphan', 3: '999-17-5017' }), // 607
      encounterWith({ 0: 'e-ssn-as-date', 1: 'SSN 999-17-5017' }), // 608
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'popsight-red-'));
    await loadExtract({ source: extract, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps);
    const db = await openDatabase(join(dir, 'w.duckdb'), { readOnly: true });
    const rows = await db.query<{ line: number; field: string; value: string }>(`SELECT line, field, value FROM etl.quarantine WHERE file = 'encounters.csv' ORDER BY line`);
    db.close();
    expect(rows).toEqual([
      { line: 606, field: 'encounterclass', value: 'text of 21 characters' },
      { line: 607, field: 'patient', value: expect.stringMatching(/^[0-9a-f]{16,}$/) },
      { line: 608, field: 'start', value: 'text of 15 characters' },
    ]);
  });
});
