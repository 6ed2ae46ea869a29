import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CohortDefinition } from '../../core/cohorts/cohort-schema.ts';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';
import { unavailableCohortStore } from '../../server/state/cohort-store.ts';
import { openStateStore, STATE_FILE, type StateStore } from '../../server/state/state-store.ts';

const definition = (name: string): CohortDefinition => ({ name, criteria: { sex: 'F' } });

const opened: StateStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** A store in a fresh state directory, with a fixed clock and ids id-1, id-2, … */
async function testStore(dir = join(mkdtempSync(join(tmpdir(), 'popsight-cohort-store-')), 'state')) {
  let n = 0;
  const store = await openStateStore(dir, { clock: () => new Date('2025-01-02T03:04:05Z'), newId: () => `id-${++n}` });
  opened.push(store);
  return { dir, store, cohorts: store.cohorts };
}

describe('cohort store', () => {
  it('starts empty, and returns each saved cohort with its id and time', async () => {
    const { dir, store, cohorts } = await testStore();
    expect(store.file).toBe(join(dir, STATE_FILE));
    expect(cohorts.location).toBe(store.file);
    expect(await cohorts.list()).toEqual([]);
    const saved = await cohorts.save(definition('A'));
    expect(saved).toEqual({ id: 'id-1', name: 'A', createdAt: '2025-01-02T03:04:05.000Z', definition: definition('A') });
    expect(await cohorts.list()).toEqual([saved]);
    expect(await cohorts.get('id-1')).toEqual(saved);
    expect(await cohorts.get('id-2')).toBeUndefined();
  });

  it('keeps saves, deletes and their order across a close and a reopen (a restarted server)', async () => {
    const { dir, store, cohorts } = await testStore();
    const nested: CohortDefinition = { name: 'C', indexDate: '2023-12-31', criteria: { all: [{ sex: 'F' }, { lab: { code: '39156-5', op: '>=', value: 30.5 } }] } };
    await cohorts.save(definition('A'));
    await cohorts.save(definition('B'));
    await cohorts.save(nested);
    expect(await cohorts.remove('id-1')).toBe(true);
    expect(await cohorts.remove('id-1')).toBe(false);
    await store.close();

    const reopened = (await testStore(dir)).cohorts;
    expect((await reopened.list()).map((c) => c.name)).toEqual(['B', 'C']);
    expect((await reopened.get('id-3'))?.definition).toEqual(nested);
    expect(await reopened.get('id-1')).toBeUndefined();
  });

  it('keeps every one of 50 parallel saves, and every parallel delete', async () => {
    const { cohorts } = await testStore();
    const names = Array.from({ length: 50 }, (_, i) => `cohort ${i}`);
    const saved = await Promise.all(names.map((name) => cohorts.save(definition(name))));
    expect(new Set(saved.map((c) => c.id)).size).toBe(50);
    expect((await cohorts.list()).map((c) => c.name).sort()).toEqual([...names].sort());
    const removed = await Promise.all(saved.filter((_, i) => i % 2 === 0).map((c) => cohorts.remove(c.id)));
    expect(removed).toEqual(Array(25).fill(true));
    expect((await cohorts.list()).map((c) => c.name)).toEqual(saved.filter((_, i) => i % 2 === 1).map((c) => c.name));
  });

  it('writes one row per save, whether it holds 1 cohort or 200 (the JSON file rewrote all of them)', async () => {
    const { store, cohorts } = await testStore();
    // About 1 KB each, like a definition built in the dashboard.
    const big = (name: string): CohortDefinition => ({
      name,
      criteria: { any: Array.from({ length: 12 }, (_, i) => ({ encounter: { class: 'emergency', between: ['2015-01-01', `2019-12-${10 + i}`] } })) },
    }) as CohortDefinition;
    // DuckDB appends each commit to the write-ahead log (checkpointed only past 16 MiB): its growth is
    // what one save writes.
    const wal = () => statSync(`${store.file}.wal`, { throwIfNoEntry: false })?.size ?? 0;
    const written = async (name: string) => {
      const before = wal();
      await cohorts.save(big(name));
      return wal() - before;
    };
    await cohorts.save(big('first'));
    const atOne = await written('second');
    for (let i = 0; i < 200; i++) await cohorts.save(big(`cohort ${i}`));
    const at200 = await written('last');
    const oneRow = JSON.stringify(big('x')).length;
    expect(atOne).toBeGreaterThan(oneRow / 2);
    expect(at200).toBeLessThan(2 * atOne);
    expect(at200).toBeLessThan(10 * oneRow); // rewriting the 200 rows would be > 200 × oneRow
    expect(await cohorts.list()).toHaveLength(203);
  });

  it('without a state directory, lists nothing and refuses to save', async () => {
    const cohorts = unavailableCohortStore();
    expect(await cohorts.list()).toEqual([]);
    expect(await cohorts.remove('x')).toBe(false);
    await expect(cohorts.save(definition('A'))).rejects.toMatchObject({ code: 'no_state_directory', message: cohortMessages.noStateDirectory });
  });
});
