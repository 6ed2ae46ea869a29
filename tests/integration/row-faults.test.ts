// Row-level CSV faults and non-finite numbers (issue 14, findings 6 and 7): the faulty row goes to
// etl.quarantine with file, line and reason, the rest of the file loads, read = loaded + quarantined.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { appendLines, copyOfNj27, firstRow, rewriteFile } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Quarantined = { file: string; line: number; field: string | null; value: string | null; reason: string };
type Counts = { file: string; read: number; loaded: number; quarantined: number };

describe('row faults in a Synthea CSV file are quarantined and the rest loads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-rf-'));
  const warehouse = join(dir, 'w.duckdb');
  const rows: Quarantined[] = [];
  let counts: Counts[] = [];
  let encounters = 0;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    const extract = copyOfNj27();
    const enc = firstRow(extract, 'encounters.csv');
    const encounterWith = (changes: Record<number, string>) => enc.map((v, i) => changes[i] ?? v).join(',');
    appendLines(extract, 'encounters.csv', [
      `${encounterWith({ 0: 'e-extra' })},one too many`, // 606
      encounterWith({ 0: 'e-missing' }).split(',').slice(0, -1).join(','), // 607
      ',,,,,,,,,,,,,,', // 608: separator-only
      encounterWith({ 0: 'e-long', 9: 'x'.repeat(10 * 1024 * 1024) }), // 609: a 10 MB line
      encounterWith({ 0: 'e-bad-date', 1: '2020-13-45' }), // 610: a row fault after the CSV faults, at its true line
      encounterWith({ 0: 'e-nan', 11: 'NaN' }), // 611
      encounterWith({ 0: 'e-infinity', 11: 'Infinity' }), // 612
      encounterWith({ 0: 'e-1e400', 10: '1e400' }), // 613
      encounterWith({ 0: 'e-huge', 12: '1e300' }), // 614
      encounterWith({ 0: 'e-good' }), // 615
      encounterWith({ 0: 'e-unterminated', 9: '"Encounter for symptom' }), // 616: runs on to the end of the file
    ]);
    const obs = firstRow(extract, 'observations.csv');
    appendLines(extract, 'observations.csv', [[obs[0], enc[3], '', 'vital-signs', '8480-6', 'Systolic', 'Infinity', 'mm[Hg]', 'numeric'].join(',')]); // 992
    const med = firstRow(extract, 'medications.csv');
    appendLines(extract, 'medications.csv', [med.map((v, i) => (i === 9 ? 'NaN' : v)).join(',')]); // 665: DISPENSES
    const result = await loadExtract({ source: extract, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    counts = result.files;
    const db = await openDatabase(warehouse, { readOnly: true });
    rows.push(...(await db.query<Quarantined>('SELECT file, line, field, value, reason FROM etl.quarantine ORDER BY file, line')));
    [{ n: encounters }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM core.encounter`);
    db.close();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const find = (file: string, line: number) => rows.find((r) => r.file === file && r.line === line);

  it('quarantines a row with an extra field and one with a missing field, naming the line', () => {
    expect(find('encounters.csv', 606)).toMatchObject({ field: null, value: null, reason: 'row has more fields than the header' });
    expect(find('encounters.csv', 607)).toMatchObject({ field: null, value: null, reason: 'row has fewer fields than the header' });
  });
  it('quarantines a separator-only line', () => {
    expect(find('encounters.csv', 608)?.reason).toBe('no values: a blank or separator-only line');
  });
  it('quarantines a 10 MB line', () => {
    expect(find('encounters.csv', 609)).toMatchObject({ value: null, reason: expect.stringMatching(/^line longer than/) });
  });
  it('keeps the line numbers of the rows after the faulty ones', () => {
    expect(find('encounters.csv', 610)).toMatchObject({ field: 'start', value: '2020-13-45' });
  });
  it('quarantines NaN, Infinity and 1e400 costs as non-finite, and an implausible amount', () => {
    expect(find('encounters.csv', 611)).toMatchObject({ field: 'total_cost', value: 'NaN', reason: 'not a finite number (NaN or infinite)' });
    expect(find('encounters.csv', 612)).toMatchObject({ field: 'total_cost', value: 'Infinity', reason: 'not a finite number (NaN or infinite)' });
    expect(find('encounters.csv', 613)).toMatchObject({ field: 'base_cost', value: '1e400', reason: 'not a finite number (NaN or infinite)' });
    expect(find('encounters.csv', 614)).toMatchObject({ field: 'payer_coverage', reason: expect.stringMatching(/^cost above the plausible maximum/) });
    expect(find('observations.csv', 992)).toMatchObject({ field: 'value', value: 'Infinity', reason: 'not a finite number (NaN or infinite)' });
    expect(find('medications.csv', 665)).toMatchObject({ field: 'dispenses', reason: 'not a finite number (NaN or infinite)' });
  });
  it('quarantines an unterminated quote and loads the rows before it', () => {
    expect(find('encounters.csv', 616)?.reason).toMatch(/^unterminated or misplaced quote/);
    expect(find('encounters.csv', 615)).toBeUndefined();
    expect(encounters).toBe(604 + 1);
  });
  it('never stores the text of a rejected line', () => {
    for (const row of rows) expect(String(row.value ?? '')).not.toMatch(/xxxx|one too many|Encounter for/);
  });
  it('reconciles read = loaded + quarantined for every file', () => {
    expect(counts.find((c) => c.file === 'encounters.csv')).toMatchObject({ read: 604 + 11, loaded: 605, quarantined: 10 });
    for (const c of counts) expect(c.read, c.file).toBe(c.loaded + c.quarantined);
  });
  it('answers every measure without a server error on the data that passed the load', async () => {
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1' });
    const { measures } = (await (await fetch(`${server.url}/api/measures`)).json()) as { measures: { id: string }[] };
    expect(measures.length).toBeGreaterThan(25);
    for (const { id } of measures) {
      for (const query of ['period=year', 'period=year&by=payer']) {
        const response = await fetch(`${server.url}/api/measures/${id}?${query}`);
        expect(response.status, `${id}?${query}`).toBeLessThan(500);
      }
    }
  });
});

describe('other CSV faults name their real cause', () => {
  const load = (source: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-rf-'));
    return loadExtract({ source, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps);
  };

  it('says UTF-16 is not supported', async () => {
    const extract = copyOfNj27();
    const text = readFileSync(join(extract, 'payers.csv'), 'utf8');
    writeFileSync(join(extract, 'payers.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await expect(load(extract)).rejects.toThrow(/^payers\.csv: UTF-16 is not supported; save the file as UTF-8$/);
  });
  it('names a missing encounters.csv instead of calling the folder no extract', async () => {
    const extract = copyOfNj27();
    rmSync(join(extract, 'encounters.csv'));
    await expect(load(extract)).rejects.toThrow(/^encounters\.csv: missing; a Synthea extract needs/);
  });
  it('stops on a header that names a column twice, naming the column', async () => {
    const extract = copyOfNj27();
    rewriteFile(extract, 'encounters.csv', (text) => text.replace('Id,START,STOP,', 'Id,START,START,'));
    await expect(load(extract)).rejects.toThrow(/^encounters\.csv: line 1 \(the header\): columns 2 and 3 are both named START/);
  });
  it('skips a blank line, which holds no record, and loads the rows around it', async () => {
    const extract = copyOfNj27();
    rewriteFile(extract, 'devices.csv', (text) => text.replace(/\n/, '\n\n').replace(/\n([^\n]*)\n$/, '\n\n$1\n'));
    expect(readFileSync(join(extract, 'devices.csv'), 'utf8').split('\n').filter((l) => l === '').length).toBe(3);
    const result = await load(extract);
    expect(result.files.find((f) => f.file === 'devices.csv')).toMatchObject({ read: 3, loaded: 3, quarantined: 0 });
  });
  it('lists a header-only file in the file counts with 0 rows', async () => {
    const extract = copyOfNj27();
    rewriteFile(extract, 'devices.csv', (text) => `${text.split('\n')[0]}\n`);
    const result = await load(extract);
    expect(result.files.find((f) => f.file === 'devices.csv')).toMatchObject({ read: 0, loaded: 0, quarantined: 0 });
  });
  it('pads a ZIP code that lost its leading zero (2155 → 02155, ZIP3 021)', async () => {
    const extract = copyOfNj27();
    rewriteFile(extract, 'patients.csv', (text) => text.replaceAll(',02155,', ',2155,'));
    expect(readFileSync(join(extract, 'patients.csv'), 'utf8')).toContain(',2155,');
    const dir = mkdtempSync(join(tmpdir(), 'popsight-rf-'));
    await loadExtract({ source: extract, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps);
    const db = await openDatabase(join(dir, 'w.duckdb'), { readOnly: true });
    const zip3 = await db.query<{ zip3: string; n: number }>(`SELECT zip3, count(*) AS n FROM core.person WHERE zip3 IN ('021', '215') GROUP BY zip3`);
    db.close();
    expect(zip3).toEqual([{ zip3: '021', n: expect.any(Number) }]);
  });
  it('treats ids differing only in letter case as different ids (Synthea ids are case-sensitive)', async () => {
    const extract = copyOfNj27();
    const enc = firstRow(extract, 'encounters.csv');
    appendLines(extract, 'encounters.csv', [enc.map((v, i) => (i === 0 ? 'e-upper' : i === 3 ? v.toUpperCase() : v)).join(',')]);
    const dir = mkdtempSync(join(tmpdir(), 'popsight-rf-'));
    await loadExtract({ source: extract, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps);
    const db = await openDatabase(join(dir, 'w.duckdb'), { readOnly: true });
    const [row] = await db.query<Quarantined>(`SELECT file, line, field, value, reason FROM etl.quarantine WHERE line = 606`);
    db.close();
    expect(row).toMatchObject({ file: 'encounters.csv', field: 'patient', reason: expect.stringMatching(/^orphan reference/) });
    expect(row.value).not.toBe(enc[3].toUpperCase());
  });
});

describe('row faults in an OMOP CSV file are quarantined and the rest loads', () => {
  it('sets aside rows with an extra or a missing field, and keeps the line of the row after them', async () => {
    const extract = join(mkdtempSync(join(tmpdir(), 'popsight-rf-omop-')), 'eunomia');
    cpSync(fileURLToPath(new URL('../fixtures/omop-eunomia-27nj', import.meta.url)), extract, { recursive: true });
    const first = readFileSync(join(extract, 'CONDITION_OCCURRENCE.csv'), 'utf8').split('\n')[1].split(',');
    const withChanges = (changes: Record<number, string>) => first.map((v, i) => changes[i] ?? v).join(',');
    appendLines(extract, 'CONDITION_OCCURRENCE.csv', [
      `${withChanges({ 0: '9001' })},extra`, // 472
      withChanges({ 0: '9002' }).split(',').slice(0, 5).join(','), // 473
      withChanges({ 0: '9003', 3: '', 4: '' }), // 474: no start date
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'popsight-rf-'));
    const result = await loadExtract({ source: extract, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key'), format: 'omop' }, quietLoadDeps);
    const db = await openDatabase(join(dir, 'w.duckdb'), { readOnly: true });
    const rows = await db.query<Quarantined>(`SELECT file, line, field, value, reason FROM etl.quarantine WHERE file = 'CONDITION_OCCURRENCE.csv' ORDER BY line`);
    db.close();
    expect(rows).toEqual([
      { file: 'CONDITION_OCCURRENCE.csv', line: 472, field: null, value: null, reason: 'row has more fields than the header' },
      { file: 'CONDITION_OCCURRENCE.csv', line: 473, field: null, value: null, reason: 'row has fewer fields than the header' },
      { file: 'CONDITION_OCCURRENCE.csv', line: 474, field: 'start', value: null, reason: 'missing or unparseable date' },
    ]);
    const conditions = result.files.find((f) => f.file === 'CONDITION_OCCURRENCE.csv')!;
    expect(conditions).toMatchObject({ read: 470 + 3, loaded: 470, quarantined: 3 });
    for (const f of result.files) expect(f.read, f.file).toBe(f.loaded + f.quarantined);
  });
});
