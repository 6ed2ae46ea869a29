// Random clock times let two visits of one person collide on the second with the same class and
// code (about twice per million people): the load's encounter-duplicate check reads them as one
// visit recorded twice. The generator moves a colliding visit by a minute instead.
import { describe, expect, it } from 'vitest';
import { CareBuilder } from '../../generator/care-builder.ts';
import { ENCOUNTER_TYPES } from '../../generator/clinical-codes.ts';
import { createWorld } from '../../generator/index.ts';
import type { CoveragePeriod } from '../../generator/person-record.ts';
import { streamPrng } from '../../generator/prng.ts';

const DAY = 86_400;

function builder(lastTime: number) {
  const world = createWorld(1);
  const coverage: CoveragePeriod[] = [{ payer: 0, start: 0, end: lastTime, memberId: 'm', ownership: 'Self', ownerName: 'Test Person' }];
  return new CareBuilder(streamPrng(1, 0), world.facilities, coverage, { organization: 0, pcp: 0, county: '25025' }, lastTime);
}

describe('generated visits', () => {
  const type = Object.values(ENCOUNTER_TYPES)[0]!;
  const at = 20_000 * DAY + 9 * 3600;

  it('never repeat a visit of the same person at the same second with the same class and code', () => {
    const care = builder(at + 365 * DAY);
    const starts = [0, 1, 2].map(() => care.encounter('ambulatory', type, at, 900, null).start);
    expect(starts).toEqual([at, at + 60, at + 120]);
  });

  it('keep a visit of another class or code at the time asked for', () => {
    const care = builder(at + 365 * DAY);
    care.encounter('ambulatory', type, at, 900, null);
    expect(care.encounter('wellness', type, at, 900, null).start).toBe(at);
  });

  it('move a colliding visit earlier when a minute later would pass the end of the record', () => {
    const care = builder(at + 30);
    care.encounter('ambulatory', type, at, 900, null);
    expect(care.encounter('ambulatory', type, at, 900, null).start).toBe(at - 60);
  });
});
