// When a load builds the quarterly measure cells (pipelines/marts/quarter-cells.ts), and what the
// statements it runs then hold.
import { describe, expect, it } from 'vitest';
import { MEASURES } from '../../core/measures/catalog.ts';
import { measureCellsSql } from '../../core/measures/measure-cells.ts';
import { buildsQuarterCells, checkQuarterCells } from '../../pipelines/marts/quarter-cells.ts';

describe('the quarterly cells choice', () => {
  it('auto builds them from 100,000 people on, or for a warehouse that held them', () => {
    expect(buildsQuarterCells('auto', { people: 99_999, hadQuarterCells: false })).toBe(false);
    expect(buildsQuarterCells('auto', { people: 100_000, hadQuarterCells: false })).toBe(true);
    expect(buildsQuarterCells('auto', { people: 20_000, hadQuarterCells: true })).toBe(true);
  });

  it('always and never decide alone', () => {
    for (const people of [27, 20_000, 1_000_000]) {
      for (const hadQuarterCells of [false, true]) {
        expect(buildsQuarterCells('always', { people, hadQuarterCells })).toBe(true);
        expect(buildsQuarterCells('never', { people, hadQuarterCells })).toBe(false);
      }
    }
  });

  it('takes auto when none is given and refuses anything but auto, always, never, naming the option', () => {
    expect(checkQuarterCells(undefined)).toBe('auto');
    for (const choice of ['auto', 'always', 'never']) expect(checkQuarterCells(choice)).toBe(choice);
    for (const bad of ['Always', '', 'yes', true, 1]) expect(() => checkQuarterCells(bad)).toThrow(/^quarterCells must be one of auto, always, never \(got /);
  });

  it('leaves the quarterly tables and their catalog entries out of the load\'s statements without them', () => {
    const without = measureCellsSql(MEASURES, 'wh.mart', {}, { quarters: false });
    const withThem = measureCellsSql(MEASURES, 'wh.mart', {}, { quarters: true });
    expect(without.some((sql) => sql.includes('_quarter'))).toBe(false);
    expect(withThem.filter((sql) => /^CREATE TABLE wh\.mart\.measure_cells_\w+_quarter /.test(sql))).toHaveLength(2);
    // The yearly statements are the same either way; only the catalog's list differs.
    const catalog = (statements: string[]) => statements.find((sql) => sql.startsWith('INSERT INTO wh.mart.measure_cells_catalog'))!;
    expect(withThem).toEqual(expect.arrayContaining(without.filter((sql) => sql !== catalog(without))));
    expect(catalog(without)).not.toContain('_quarter');
    expect(catalog(withThem)).toContain("('measure_cells_demographic_quarter', 'inpatient-admissions-per-1000', ");
  });
});
