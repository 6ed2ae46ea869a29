import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { appendLines, copyOfNj27, firstRow, rewriteFile } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Quarantined = { file: string; line: number; field: string; value: string | null; reason: string };

describe('row faults go to etl.quarantine with file, line, field and reason', () => {
  const rows: Quarantined[] = [];
  let counts: { file: string; read: number; loaded: number; quarantined: number }[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'popsight-q-'));
  const encountersLines = () => readFileSync(join(extract, 'encounters.csv'), 'utf8').trim().split('\n').length;
  let extract = '';

  beforeAll(async () => {
    extract = copyOfNj27();
    const enc = firstRow(extract, 'encounters.csv');
    const patient = enc[3];
    const encounterWith = (changes: Record<number, string>) => enc.map((v, i) => changes[i] ?? v).join(',');
    const base = encountersLines();
    appendLines(extract, 'encounters.csv', [
      encounterWith({ 0: 'e-end-before-start', 1: '2020-01-02T10:00:00Z', 2: '2020-01-01T10:00:00Z' }), // line base+1
      encounterWith({ 0: 'e-negative-cost', 11: '-5.00' }), // base+2
      encounterWith({ 0: 'e-unknown-class', 7: 'teleportation' }), // base+3
      encounterWith({ 0: 'e-orphan', 3: 'no-such-patient' }), // base+4
      encounterWith({ 0: 'e-bad-date', 1: '2020-13-45' }), // base+5
      enc.join(','), // base+6: duplicate of line 2
    ]);
    const obs = firstRow(extract, 'observations.csv');
    appendLines(extract, 'observations.csv', [[obs[0], patient, '', 'laboratory', '4548-4', 'Hemoglobin A1c', '87', '%', 'numeric'].join(',')]);
    const result = await loadExtract({ source: extract, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps);
    counts = result.files;
    const db = await openDatabase(join(dir, 'w.duckdb'), { readOnly: true });
    rows.push(...(await db.query<Quarantined>('SELECT file, line, field, value, reason FROM etl.quarantine ORDER BY file, line')));
    db.close();
    expect(base).toBe(605);
  });

  const find = (file: string, line: number) => rows.find((r) => r.file === file && r.line === line);

  it('quarantines an encounter that ends before it starts', () => {
    expect(find('encounters.csv', 606)).toMatchObject({ field: 'stop', reason: 'stop before start' });
  });
  it('quarantines a negative cost', () => {
    expect(find('encounters.csv', 607)).toMatchObject({ field: 'total_cost', value: '-5.00' });
  });
  it('quarantines an unknown encounter class and says which classes are known', () => {
    expect(find('encounters.csv', 608)?.reason).toMatch(/unknown encounter class; expected one of wellness, ambulatory/);
  });
  it('quarantines an orphan patient reference without storing the raw id', () => {
    const row = find('encounters.csv', 609)!;
    expect(row).toMatchObject({ field: 'patient' });
    expect(row.reason).toMatch(/orphan reference/);
    expect(row.value).not.toContain('no-such-patient');
  });
  it('quarantines an unparseable date', () => {
    expect(find('encounters.csv', 610)).toMatchObject({ field: 'start', reason: 'missing or unparseable date', value: '2020-13-45' });
  });
  it('quarantines a duplicate id', () => {
    expect(find('encounters.csv', 611)?.reason).toMatch(/duplicate id/);
  });
  it('quarantines an implausible HbA1c value', () => {
    expect(find('observations.csv', 992)).toMatchObject({ field: 'value', value: '87' });
  });
  it('reconciles read = loaded + quarantined for every file', () => {
    const encounters = counts.find((c) => c.file === 'encounters.csv')!;
    expect(encounters).toMatchObject({ read: 610, loaded: 604, quarantined: 6 });
    for (const c of counts) expect(c.read).toBe(c.loaded + c.quarantined);
  });
});

describe('structural faults stop the load and keep the previous warehouse', () => {
  it('names the file and the missing column, and leaves the published warehouse untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-s-'));
    const warehouse = join(dir, 'w.duckdb');
    const good = copyOfNj27();
    await loadExtract({ source: good, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    const before = statSync(warehouse);

    const broken = copyOfNj27();
    rewriteFile(broken, 'encounters.csv', (text) => text.replace('ENCOUNTERCLASS', 'ENCOUNTER_KIND'));
    await expect(loadExtract({ source: broken, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps)).rejects.toThrow(
      /encounters\.csv: column ENCOUNTERCLASS is missing/,
    );
    const after = statSync(warehouse);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
    expect(existsSync(`${warehouse}.building-${process.pid}`)).toBe(false);
  });

  it('rejects a semicolon-delimited file with a message that says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-s-'));
    const broken = copyOfNj27();
    rewriteFile(broken, 'patients.csv', (text) => text.replaceAll(',', ';'));
    await expect(loadExtract({ source: broken, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps)).rejects.toThrow(
      /patients\.csv: line 1 looks ';'-delimited; expected comma-separated values/,
    );
  });

  it('rejects an empty required file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-s-'));
    const broken = copyOfNj27();
    rewriteFile(broken, 'payers.csv', () => '');
    await expect(loadExtract({ source: broken, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps)).rejects.toThrow(
      /payers\.csv: the file is empty/,
    );
  });

  it('names a missing required file and the files a Synthea extract needs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-s-'));
    const broken = copyOfNj27();
    rmSync(join(broken, 'payer_transitions.csv'));
    await expect(loadExtract({ source: broken, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps)).rejects.toThrow(
      /payer_transitions\.csv: missing; a Synthea extract needs patients\.csv, payers\.csv, payer_transitions\.csv/,
    );
  });

  it('rejects a file that is not UTF-8, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-s-'));
    const broken = copyOfNj27();
    const text = readFileSync(join(broken, 'conditions.csv'), 'utf8');
    writeFileSync(join(broken, 'conditions.csv'), Buffer.concat([Buffer.from(text.slice(0, 300)), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(text.slice(300))]));
    await expect(loadExtract({ source: broken, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps)).rejects.toThrow(
      /conditions\.csv: could not be read as UTF-8 CSV/,
    );
  });

  it('says what it expected of a folder that is no extract at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-s-'));
    await expect(loadExtract({ source: dir, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps)).rejects.toThrow(
      /not a recognised extract; expected one of: Synthea CSV/,
    );
  });
});
