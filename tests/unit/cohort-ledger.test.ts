import { describe, expect, it } from 'vitest';
import { LEDGER_DISTANCE } from '../../core/cohorts/admit-cohort.ts';
import { ledgerKey, memoryCohortLedger } from '../../core/cohorts/cohort-ledger.ts';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';

describe('cohort ledger', () => {
  it('refuses differences of 1 to 10 people: the CMS minimum cell size less one', () => {
    expect(LEDGER_DISTANCE).toBe(10);
  });

  it('knows a cohort by its criteria and index date, not by its name or description', () => {
    const criteria = { sex: 'F' as const };
    expect(ledgerKey({ criteria })).toBe(ledgerKey({ criteria, name: 'Women', description: 'All women' } as never));
    expect(ledgerKey({ criteria })).not.toBe(ledgerKey({ criteria, indexDate: '2020-12-31' }));
  });

  it('in memory: one entry per definition and principal, found within the size window or on other data', async () => {
    const ledger = memoryCohortLedger();
    const women = { criteria: { sex: 'F' as const } };
    const men = { criteria: { sex: 'M' as const } };
    await ledger.record('ann', { definition: women, name: 'Women', size: 100, dataVersion: 'v1', tier: 'released' });
    await ledger.record('ann', { definition: women, name: 'Renamed', size: 104, dataVersion: 'v1', tier: 'released' });
    await ledger.record('ann', { definition: men, name: null, size: 200, dataVersion: 'v0', tier: 'released' });
    await ledger.record('bob', { definition: men, name: null, size: 110, dataVersion: 'v1', tier: 'released' });
    expect(await ledger.candidates('ann', 114, 10, 'v1')).toEqual([
      { definition: women, name: 'Women', size: 104, dataVersion: 'v1', tier: 'released' },
      { definition: men, name: null, size: 200, dataVersion: 'v0', tier: 'released' },
    ]);
    expect(await ledger.candidates('ann', 115, 10, 'v0')).toEqual([{ definition: women, name: 'Women', size: 104, dataVersion: 'v1', tier: 'released' }]);
    expect(await ledger.candidates('carol', 100, 10, 'v1')).toEqual([]);
  });

  it('keeps drafts apart: found only when asked for, and a released cohort never becomes a draft again', async () => {
    const ledger = memoryCohortLedger();
    const women = { criteria: { sex: 'F' as const } };
    const men = { criteria: { sex: 'M' as const } };
    await ledger.record('ann', { definition: women, name: null, size: 100, dataVersion: 'v1', tier: 'draft' });
    await ledger.record('ann', { definition: men, name: null, size: 105, dataVersion: 'v1', tier: 'released' });
    await ledger.record('ann', { definition: men, name: null, size: 105, dataVersion: 'v1', tier: 'draft' });
    expect((await ledger.candidates('ann', 100, 10, 'v1')).map((c) => [c.size, c.tier])).toEqual([[105, 'released']]);
    expect((await ledger.candidates('ann', 100, 10, 'v1', true)).map((c) => [c.size, c.tier])).toEqual([[100, 'draft'], [105, 'released']]);
    // Released later (counted, saved): it is released from then on.
    await ledger.record('ann', { definition: women, name: 'Women', size: 100, dataVersion: 'v1', tier: 'released' });
    expect((await ledger.candidates('ann', 100, 10, 'v1')).map((c) => [c.name, c.tier])).toEqual([['Women', 'released'], [null, 'released']]);
  });

  it('names the earlier cohort in the refusal when it has a name', () => {
    expect(cohortMessages.tooCloseToEarlier('Everyone')).toContain("your earlier cohort 'Everyone' by fewer than 11 people");
    expect(cohortMessages.tooCloseToEarlier(null)).toContain('an earlier cohort of yours by fewer than 11 people');
  });
});
