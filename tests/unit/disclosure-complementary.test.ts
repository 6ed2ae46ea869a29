// Rule 2 (complementary suppression) of the CMS cell size suppression policy (2020): which
// cells are hidden besides the small ones, in one-way and two-way tables and across requests.
import { describe, expect, it } from 'vitest';
import { suppressCells } from '../../core/disclosure/index.ts';

interface Cell {
  period: string;
  race?: string;
  sex?: string;
  age?: string;
  numeratorPeople: number;
  denominatorPeople: number;
  numerator: number;
  denominator: number;
  rate: number;
}

function cell(strata: Partial<Record<'period' | 'race' | 'sex' | 'age', string>>, n: number, d: number): Cell {
  const rate = d ? (100 * n) / d : 0;
  return { period: '2016', ...strata, numeratorPeople: n, denominatorPeople: d, numerator: n, denominator: d, rate };
}

/** A one-way cell: race, people in the numerator, people in the denominator. */
const race = (name: string, n: number, d: number) => cell({ race: name }, n, d);

/** 'P' primary, 'C' complementary, '.' shown: one letter per cell, in input order. */
const pattern = (out: readonly { suppressed: boolean; suppressionReason?: string }[]) =>
  out.map((o) => (!o.suppressed ? '.' : o.suppressionReason === 'small-cell' ? 'P' : 'C')).join('');

const oneWay = (cells: Cell[]) => pattern(suppressCells(cells, { keys: ['period', 'race'] }));
const twoWay = (cells: Cell[]) => pattern(suppressCells(cells, { keys: ['period', 'sex', 'age'] }));

describe('complementary suppression in a one-way table (margin: the period total)', () => {
  it('hides the smallest other cell when one cell of the period is small', () => {
    const cells = [race('white', 400, 3000), race('black', 40, 120), race('asian', 5, 300), race('other', 30, 250)];
    expect(oneWay(cells)).toBe('.CP.');
  });

  it('hides the whole complementary cell, numerator and denominator alike', () => {
    const cells = [race('white', 400, 3000), race('black', 40, 120), race('asian', 5, 300)];
    const [, complement] = suppressCells(cells, { keys: ['period', 'race'] });
    expect(complement).toEqual({
      period: '2016',
      race: 'black',
      ...{ numeratorPeople: null, denominatorPeople: null, numerator: null, denominator: null, rate: null },
      suppressed: true,
      suppressionReason: 'complementary',
    });
  });

  it('skips a smaller cell whose numerator is 0: hiding it would leave total − visible = the small numerator', () => {
    const cells = [race('white', 40, 300), race('black', 4, 120), race('asian', 0, 30), race('other', 12, 60)];
    expect(oneWay(cells)).toBe('.P.C');
  });

  it('adds nothing when two cells of the period are already small', () => {
    const cells = [race('white', 100, 500), race('black', 3, 40), race('asian', 5, 30), race('other', 200, 800)];
    expect(oneWay(cells)).toBe('.PP.');
  });

  it('stops when every other cell is already suppressed', () => {
    expect(oneWay([race('white', 3, 5), race('black', 2, 6)])).toBe('PP');
  });

  it('adds nothing when the only other cell is 0: the total is then a small cell, suppressed in its own request', () => {
    const cells = [race('white', 3, 40), race('black', 0, 0)];
    expect(oneWay(cells)).toBe('P.');
    expect(pattern(suppressCells([cell({}, 3, 40)], { keys: ['period'] }))).toBe('P');
  });

  it('treats each period as its own margin', () => {
    const cells = [
      race('white', 400, 3000), race('black', 5, 300), race('asian', 30, 250),
      ...[race('white', 410, 3100), race('black', 25, 310), race('asian', 31, 260)].map((c) => ({ ...c, period: '2017' })),
    ];
    expect(oneWay(cells)).toBe('.PC...');
  });

  it('gives the same answer whatever the order of the input', () => {
    const cells = [race('white', 40, 300), race('black', 4, 120), race('asian', 0, 30), race('other', 12, 60)];
    const reversed = suppressCells([...cells].reverse(), { keys: ['period', 'race'] }).reverse();
    expect(pattern(reversed)).toBe(oneWay(cells));
  });

  it('protects cohort counts that have no period, with an explicit margin', () => {
    const cohort = [
      { sex: 'F', numeratorPeople: 0, denominatorPeople: 7 },
      { sex: 'M', numeratorPeople: 0, denominatorPeople: 90 },
      { sex: 'U', numeratorPeople: 0, denominatorPeople: 40 },
    ];
    expect(pattern(suppressCells(cohort, { keys: ['sex'], marginKeys: [[]] }))).toBe('P.C');
  });
});

describe('complementary suppression in a two-way table (margins: every row, every column, the total)', () => {
  // F 65+ has a numerator of 7: its row and its column each need a second hidden cell, and the
  // column of that second cell needs one too, which closes a 2×2 rectangle.
  const sexByAge = [
    ...[[300, 12], [250, 20], [200, 25], [150, 30], [40, 7]].map(([d, n], i) => cell({ sex: 'F', age: `a${i}` }, n!, d!)),
    ...[[310, 15], [240, 18], [190, 22], [160, 35], [35, 14]].map(([d, n], i) => cell({ sex: 'M', age: `a${i}` }, n!, d!)),
  ];

  it('hides a rectangle around a single small cell, taking the smallest cells', () => {
    expect(twoWay(sexByAge)).toBe('...CP' + '...CC');
  });

  it('leaves no row or column with a single hidden cell', () => {
    const out = suppressCells(sexByAge, { keys: ['period', 'sex', 'age'] });
    const rows = ['F', 'M'].map((s) => out.filter((o) => o.sex === s));
    const columns = [0, 1, 2, 3, 4].map((a) => out.filter((o) => o.age === `a${a}`));
    for (const line of [...rows, ...columns]) {
      expect(line.filter((o) => o.suppressed).length).not.toBe(1);
    }
  });

  it('links two blocks of small cells that rows and columns alone would leave solvable', () => {
    // Every row and column already has two small cells; (r2, c3) is still rows 1+2 − columns 1+2.
    const small = new Set(['r1c1', 'r1c2', 'r2c1', 'r2c2', 'r3c3', 'r3c4', 'r4c3', 'r4c4', 'r2c3']);
    const cells = ['r1', 'r2', 'r3', 'r4', 'r5'].flatMap((sex) =>
      ['c1', 'c2', 'c3', 'c4', 'c5'].map((age) =>
        small.has(sex + age) ? cell({ sex, age }, 2, 6) : cell({ sex, age }, 20, 40),
      ),
    );
    expect(twoWay(cells).match(/.{5}/g)).toEqual(['PPC..', 'PPP..', '..PP.', '..PP.', '.....']);
  });
});

describe('suppression across requests', () => {
  it('does not show every cell of a row that the one-way table hides as a complement', () => {
    const cells = [
      cell({ sex: 's0', age: 'a0' }, 13, 13), cell({ sex: 's0', age: 'a1' }, 0, 42),
      cell({ sex: 's1', age: 'a0' }, 1, 14), cell({ sex: 's1', age: 'a1' }, 2, 4),
      cell({ sex: 's2', age: 'a0' }, 8, 8), cell({ sex: 's2', age: 'a1' }, 22, 54),
    ];
    const bySex = ['s0', 's1', 's2'].map((sex) => {
      const row = cells.filter((c) => c.sex === sex);
      return cell({ sex }, row.reduce((s, c) => s + c.numeratorPeople, 0), row.reduce((s, c) => s + c.denominatorPeople, 0));
    });
    // The one-way table hides s1 (numerator 3) and, as its complement, the smaller s0.
    expect(pattern(suppressCells(bySex, { keys: ['period', 'sex'] }))).toBe('CP.');
    // Rows and columns alone would leave row s0 shown; its total, then s1's = total − s0 − s2, would follow.
    expect(twoWay(cells)).toBe('CC' + 'PP' + 'PC');
  });
});
