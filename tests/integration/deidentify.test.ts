import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { copyOfNj27, firstRow, rewriteFile } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps, TEST_KEY_ENV } from '../helpers/test-env.ts';

describe('de-identification', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-d-'));
  const warehouse = join(dir, 'w.duckdb');
  let patientId = '';

  beforeAll(async () => {
    const extract = copyOfNj27();
    patientId = firstRow(extract, 'patients.csv')[0]!;
    // The first patient becomes a 1921-born person in a restricted ZIP3 (036, New Hampshire).
    rewriteFile(extract, 'patients.csv', (text) => {
      const [header, first, ...rest] = text.split('\n');
      const fields = first!.split(',');
      fields[1] = '1921-03-04';
      fields[20] = '03601';
      return [header, fields.join(','), ...rest].join('\n');
    });
    await loadExtract({ source: extract, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
  });

  it('replaces ids by the HMAC-SHA256 pseudonym of the key, truncated to 128 bits', async () => {
    const db = await openDatabase(warehouse, { readOnly: true });
    const expected = createHmac('sha256', TEST_KEY_ENV.POPSIGHT_PSEUDONYM_KEY).update(patientId).digest('hex').slice(0, 32);
    const [row] = await db.query('SELECT count(*) AS n FROM core.person WHERE person_id = $1', [expected]);
    db.close();
    expect(row).toEqual({ n: 1 });
  });

  it('drops the birth date of people aged 90 or more and top-codes their age in the mart', async () => {
    const db = await openDatabase(warehouse, { readOnly: true });
    const pseudonym = createHmac('sha256', TEST_KEY_ENV.POPSIGHT_PSEUDONYM_KEY).update(patientId).digest('hex').slice(0, 32);
    const [person] = await db.query('SELECT birth_date, age_90_plus, zip3 FROM core.person WHERE person_id = $1', [pseudonym]);
    const [ages] = await db.query(`SELECT max(age) AS oldest, max(age) FILTER (WHERE period_start = DATE '2020-01-01') AS in2020, any_value(age_band) FILTER (WHERE period_start = DATE '2020-01-01') AS band
                                   FROM mart.person_period WHERE person_id = $1 AND grain = 'year'`, [pseudonym]);
    db.close();
    expect(person).toEqual({ birth_date: null, age_90_plus: true, zip3: '000' });
    expect(ages).toEqual({ oldest: 90, in2020: 90, band: '85+' });
  });

  it('generates a key into the secrets file, with a warning, when POPSIGHT_PSEUDONYM_KEY is absent', async () => {
    const warnings: string[] = [];
    const secrets = join(dir, 'generated', 'pseudonym.key');
    await loadExtract({ source: copyOfNj27(), warehouse: join(dir, 'w2.duckdb'), secretsFile: secrets }, { log: (m) => warnings.push(m), clock: () => new Date(), env: {} });
    expect(existsSync(secrets)).toBe(true);
    expect(readFileSync(secrets, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(warnings.join('\n')).toMatch(/POPSIGHT_PSEUDONYM_KEY is not set: generated a pseudonym key/);
  });
});
