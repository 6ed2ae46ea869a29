// The free-text rule on hand-made rows: a text 11 people share stays, one fewer falls back to the
// code's reference description, else NULL; every model file applies it to every free-text column.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { buildFreeTextSql, FREE_TEXT_COLUMNS, installFreeText } from '../../pipelines/deidentify/free-text.ts';

const MODEL = fileURLToPath(new URL('../../pipelines/model/', import.meta.url));

describe('free_text(kind, code, text)', () => {
  let db: Database;
  const people = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `p${from + i}`);

  beforeAll(async () => {
    db = await openDatabase(':memory:');
    await db.run('CREATE SCHEMA valid');
    await db.run('CREATE SCHEMA staging');
    for (const table of new Set(FREE_TEXT_COLUMNS.map((c) => c.table))) {
      await db.run(`CREATE TABLE valid.${table} (patient VARCHAR, code VARCHAR, description VARCHAR, value VARCHAR)`);
    }
    const condition = (patient: string, code: string, description: string | null) =>
      db.run('INSERT INTO valid.conditions VALUES ($1, $2, $3, NULL)', [patient, code, description]);
    // 11 people share the anemia text; a 12th person's record of the same code carries a name.
    for (const p of people(11)) await condition(p, '271737000', 'Anemia (disorder)');
    await condition('p11', '271737000', 'Anemia, Dr Jane Roe 555-867-5309');
    // 10 people (twice each) share a hypertension text: one short, so the reference description of
    // data/reference/condition-groups.csv replaces it.
    for (const p of people(10)) for (let i = 0; i < 2; i++) await condition(p, '59621000', 'Hypertension');
    // A code's text shared by 11 people under another code is not shared for this one.
    await condition('p0', '44054006', 'Anemia (disorder)');
    // Observation values: shared by 11 people as a whole, whatever the code; numbers are not text.
    for (const p of people(11)) await db.run(`INSERT INTO valid.observations VALUES ($1, '72166-2', 'Tobacco smoking status', 'Never smoked')`, [p]);
    await db.run(`INSERT INTO valid.observations VALUES ('p3', '76690-7', 'Sexual orientation', '12 Main Street')`);
    await db.run(`CREATE TABLE staging.code_names AS SELECT '76690-7' AS code, 'Sexual orientation' AS description`);
    await installFreeText(db);
  });
  afterAll(() => db.close());

  const freeText = async (kind: string, code: string | null, text: string | null) =>
    (await db.query<{ t: string | null }>('SELECT free_text($1, $2, $3) AS t', [kind, code, text]))[0]!.t;

  it('keeps a text that 11 people share for the same code', async () => {
    expect(await freeText('condition.description', '271737000', 'Anemia (disorder)')).toBe('Anemia (disorder)');
  });
  it('replaces a text fewer people share by the reference description, or by NULL without one', async () => {
    expect(await freeText('condition.description', '59621000', 'Hypertension')).toBe('Essential hypertension (disorder)');
    expect(await freeText('condition.description', '271737000', 'Anemia, Dr Jane Roe 555-867-5309')).toBeNull();
    expect(await freeText('condition.description', '44054006', 'Anemia (disorder)')).toBe('Diabetes mellitus type 2 (disorder)');
  });
  it('leaves a missing text missing', async () => {
    expect(await freeText('condition.description', '59621000', null)).toBeNull();
  });
  it('takes an extract vocabulary (staging.code_names) as reference after data/reference', async () => {
    expect(await freeText('observation.description', '76690-7', 'Sexual orientation')).toBe('Sexual orientation');
  });
  it('shares observation values as a whole, with no reference to fall back on', async () => {
    expect(await freeText('observation.value_text', null, 'Never smoked')).toBe('Never smoked');
    expect(await freeText('observation.value_text', null, '12 Main Street')).toBeNull();
  });
  it('binds the kinds and the threshold instead of writing them into the SQL', () => {
    const statements = buildFreeTextSql({ vocabulary: false });
    for (const { kind } of FREE_TEXT_COLUMNS) expect(statements.map((s) => s.sql).join('\n')).not.toContain(kind);
    expect(statements[1]!.values).toEqual([11, ...FREE_TEXT_COLUMNS.map((c) => c.kind)]);
    expect(statements[0]!.sql).not.toContain('staging.code_names');
  });
});

describe('the model files', () => {
  const calls = readdirSync(MODEL).filter((f) => f.endsWith('.sql'))
    .flatMap((file) => [...readFileSync(`${MODEL}${file}`, 'utf8').matchAll(/free_text\('([a-z_.]+)'/g)].map((m) => ({ file, kind: m[1]! })));

  it('apply free_text() to every free-text column, each in the model file of its table', () => {
    expect(calls.map((c) => c.kind).sort()).toEqual(FREE_TEXT_COLUMNS.map((c) => c.kind).sort());
    for (const { file, kind } of calls) expect(`${kind.split('.')[0]}.sql`).toBe(file);
  });
  it('read no description column without it', () => {
    for (const file of readdirSync(MODEL).filter((f) => f.endsWith('.sql'))) {
      const sql = readFileSync(`${MODEL}${file}`, 'utf8').replace(/--.*$/gm, '').replace(/free_text\('[a-z_.]+', code, description\) AS description/g, '');
      expect(sql, file).not.toMatch(/\bdescription\b/);
    }
  });
});
