import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CohortDefinition } from '../../core/cohorts/cohort-schema.ts';
import { COHORTS_FILE, openCohortStore } from '../../server/state/cohort-store.ts';

const definition = (name: string): CohortDefinition => ({ name, criteria: { sex: 'F' } });

function testStore() {
  const dir = join(mkdtempSync(join(tmpdir(), 'popsight-cohort-store-')), 'state');
  let n = 0;
  const store = openCohortStore(dir, { clock: () => new Date('2025-01-02T03:04:05Z'), newId: () => `id-${++n}` });
  return { dir, store };
}

describe('cohort store', () => {
  it('starts empty without a file, and creates the state directory on the first save', async () => {
    const { dir, store } = testStore();
    expect(await store.list()).toEqual([]);
    const saved = await store.save(definition('A'));
    expect(saved).toEqual({ id: 'id-1', name: 'A', createdAt: '2025-01-02T03:04:05.000Z', definition: definition('A') });
    expect(JSON.parse(readFileSync(join(dir, COHORTS_FILE), 'utf8'))).toEqual({ version: 1, cohorts: [saved] });
  });

  it('keeps every one of many concurrent saves, and leaves no temp file behind', async () => {
    const { dir, store } = testStore();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save(definition(`cohort ${i}`))));
    expect((await store.list()).map((c) => c.name).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `cohort ${i}`).sort());
    expect(readdirSync(dir)).toEqual([COHORTS_FILE]);
  });

  it('is read back by a second store on the same directory (a restarted server)', async () => {
    const { dir, store } = testStore();
    await store.save(definition('A'));
    await store.save(definition('B'));
    expect(await store.remove('id-1')).toBe(true);
    expect(await store.remove('id-1')).toBe(false);
    const reopened = openCohortStore(dir);
    expect((await reopened.list()).map((c) => c.name)).toEqual(['B']);
    expect((await reopened.get('id-2'))?.definition).toEqual(definition('B'));
    expect(await reopened.get('id-1')).toBeUndefined();
  });

  it('refuses a damaged file rather than starting over with an empty list', async () => {
    const { dir, store } = testStore();
    await store.save(definition('A'));
    writeFileSync(join(dir, COHORTS_FILE), '{"cohorts": ');
    await expect(store.list()).rejects.toThrow(SyntaxError);
    await expect(store.save(definition('B'))).rejects.toThrow(SyntaxError);
    expect(readFileSync(join(dir, COHORTS_FILE), 'utf8')).toBe('{"cohorts": ');
    writeFileSync(join(dir, COHORTS_FILE), '{"something": "else"}');
    await expect(store.list()).rejects.toThrow(/not a Popsight cohort file/);
  });
});
