import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { copyOfNj27, rewriteFile } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

// Synthea 2.x wrote payer_transitions as PATIENT,START_YEAR,END_YEAR,PAYER,OWNERSHIP with whole years.
function toSynthea2x(dir: string): void {
  rewriteFile(dir, 'payer_transitions.csv', (text) => {
    const [, ...rows] = text.trim().split('\n');
    const lines = rows.map((row) => {
      const [patient, , start, end, payer, , ownership] = row.split(',');
      return [patient, start!.slice(0, 4), end!.slice(0, 4), payer, ownership].join(',');
    });
    return ['PATIENT,START_YEAR,END_YEAR,PAYER,OWNERSHIP', ...lines].join('\n') + '\n';
  });
}

describe('Synthea layouts', () => {
  it('loads a 2.x extract, whose coverage comes in whole years', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-2x-'));
    const extract = copyOfNj27();
    toSynthea2x(extract);
    const result = await loadExtract({ source: extract, warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps);
    expect(result.layout).toBe('2.x');
    const db = await openDatabase(join(dir, 'w.duckdb'), { readOnly: true });
    const [coverage] = await db.query(`SELECT count(*) AS n, count(*) FILTER (WHERE strftime(start_date, '%m-%d') = '01-01' AND strftime(end_date, '%m-%d') = '12-31') AS whole_years FROM core.coverage`);
    const [people] = await db.query('SELECT count(*) AS n FROM core.person');
    db.close();
    expect(coverage).toEqual({ n: 1051, whole_years: 1051 });
    expect(people).toEqual({ n: 27 });
  });

  it('names the layout of the current Synthea CSV that the generator writes', async () => {
    const { generatePopulation } = await import('../../generator/index.ts');
    const dir = mkdtempSync(join(tmpdir(), 'popsight-cur-'));
    await generatePopulation({ people: 50, seed: 3, outDir: join(dir, 'x') });
    const result = await loadExtract({ source: join(dir, 'x'), warehouse: join(dir, 'w.duckdb'), secretsFile: join(dir, 'key') }, quietLoadDeps);
    expect(result.layout).toBe('current');
    expect(result.files.find((f) => f.file === 'patients.csv')).toMatchObject({ read: 50, loaded: 50, quarantined: 0 });
  });

  it.each(['wh.duckdb', 'staging.duckdb', 'valid.duckdb', 'fhir.duckdb', 'prev.duckdb'])('loads into a warehouse file named %s, like a schema of the load', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-name-'));
    const result = await loadExtract({ source: copyOfNj27(), warehouse: join(dir, name), secretsFile: join(dir, 'key') }, quietLoadDeps);
    expect(result.people).toBe(27);
  });
});
