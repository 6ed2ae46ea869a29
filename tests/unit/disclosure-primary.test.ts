// Rule 1 (primary suppression) and rule 3 (masking) of the CMS cell size suppression policy (2020).
import { describe, expect, it } from 'vitest';
import { disclosureMessages, suppressCells } from '../../core/disclosure/index.ts';

interface Row {
  period: string;
  numeratorPeople: number;
  denominatorPeople: number;
  numerator: number;
  denominator: number;
  rate: number;
  ciLow: number;
  ciHigh: number;
  adjustedRate: number;
}

function row(period: string, numeratorPeople: number, denominatorPeople: number): Row {
  const rate = denominatorPeople === 0 ? 0 : (100 * numeratorPeople) / denominatorPeople;
  return {
    period,
    numeratorPeople,
    denominatorPeople,
    numerator: numeratorPeople,
    denominator: denominatorPeople,
    rate,
    ciLow: rate * 0.9,
    ciHigh: rate * 1.1,
    adjustedRate: rate * 1.02,
  };
}

/** One period per row and no stratifier: no margin, so only rule 1 can act. */
const totals = (...rows: Row[]) => suppressCells(rows, { keys: ['period'] });

describe('primary suppression', () => {
  it('suppresses a numerator of 1 or 10 people, even with a large denominator', () => {
    const out = totals(row('2016', 1, 5000), row('2017', 10, 5000));
    expect(out.map((r) => [r.suppressed, r.suppressed && r.suppressionReason])).toEqual([
      [true, 'small-cell'],
      [true, 'small-cell'],
    ]);
  });

  it('suppresses a denominator of 1 or 10 people', () => {
    const out = totals(row('2016', 0, 1), row('2017', 0, 10));
    expect(out.every((r) => r.suppressed)).toBe(true);
  });

  it('shows counts of 0 and 11', () => {
    const out = totals(row('2016', 0, 11), row('2017', 11, 11), row('2018', 0, 0));
    expect(out.map((r) => r.suppressed)).toEqual([false, false, false]);
    expect(out[1]).toEqual({ ...row('2017', 11, 11), suppressed: false });
  });

  it('judges people, not events or member-years', () => {
    const utilization = { ...row('2016', 4, 900), numerator: 57, denominator: 812.5 };
    expect(totals(utilization)[0]!.suppressed).toBe(true);
  });

  it('follows a stricter configured threshold', () => {
    const out = suppressCells([row('2016', 15, 400)], { keys: ['period'], threshold: 20 });
    expect(out[0]!.suppressed).toBe(true);
  });
});

describe('masking of a suppressed cell', () => {
  it('keeps the keys and nulls every value, including fields it was not told about', () => {
    const [out] = totals(row('2016', 3, 400));
    expect(out).toEqual({
      period: '2016',
      numeratorPeople: null,
      denominatorPeople: null,
      numerator: null,
      denominator: null,
      rate: null,
      ciLow: null,
      ciHigh: null,
      adjustedRate: null,
      suppressed: true,
      suppressionReason: 'small-cell',
    });
  });

  it('leaves out the fields it is told to omit, shown or hidden, and judges them all the same', () => {
    const rows = [row('2016', 3, 400), row('2017', 40, 400)];
    const out = suppressCells(rows, { keys: ['period'], omit: ['numeratorPeople', 'denominatorPeople'] });
    expect(out).toEqual([
      { period: '2016', numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, adjustedRate: null, suppressed: true, suppressionReason: 'small-cell' },
      { period: '2017', numerator: 40, denominator: 400, rate: 10, ciLow: 9, ciHigh: 11, adjustedRate: 10.2, suppressed: false },
    ]);
    expect(out.map((cell) => cell.suppressed)).toEqual(totals(...rows).map((cell) => cell.suppressed));
  });

  it('returns new objects and leaves the input untouched', () => {
    const input = [row('2016', 3, 400)];
    const copy = structuredClone(input);
    const out = totals(...input);
    expect(input).toEqual(copy);
    expect(out[0]).not.toBe(input[0]);
  });
});

describe('input checks', () => {
  it('throws on a people count that is NaN, negative, fractional or missing', () => {
    for (const bad of [Number.NaN, -1, 3.5, undefined]) {
      const cell = { ...row('2016', 5, 400), numeratorPeople: bad as number };
      expect(() => totals(cell)).toThrow(disclosureMessages.badPeopleCount('numeratorPeople', bad, '["2016"]'));
    }
  });

  it('throws on a numerator that cannot be checked against its margin', () => {
    const cell = { ...row('2016', 50, 400), numerator: Number.NaN };
    expect(() => totals(cell)).toThrow(RangeError);
  });

  it('throws on two cells with the same keys', () => {
    expect(() => totals(row('2016', 50, 400), row('2016', 60, 400))).toThrow(
      disclosureMessages.duplicateCell('["2016"]'),
    );
  });

  it('throws on a margin that is not made of the keys', () => {
    const cells = [{ ...row('2016', 50, 400), sex: 'F' }];
    expect(() => suppressCells(cells, { keys: ['period', 'sex'], marginKeys: [['period', 'sex']] })).toThrow(
      disclosureMessages.marginSumsNothing(['period', 'sex']),
    );
  });
});
