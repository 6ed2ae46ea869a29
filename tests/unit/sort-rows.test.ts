// Sorting a chart's table (client/src/charts/sort-rows.ts): periods as written, in the order of time for
// every period form; text as people read it; numbers as numbers; empty cells last in both directions.
import { describe, expect, it } from 'vitest';
import { sortBy } from '../../client/src/charts/sort-rows.ts';

const byValue = <T extends string | number | null | undefined>(rows: T[], direction: 'ascending' | 'descending' = 'ascending', asWritten = false) => sortBy(rows, (row) => row, direction, asWritten);

describe('sorting a table', () => {
  it('sorts periods as written, which is the order of time for years, quarters and months', () => {
    expect(byValue(['2020', '2019', '2025', '2016'], 'ascending', true)).toEqual(['2016', '2019', '2020', '2025']);
    expect(byValue(['2020-Q1', '2019-Q4', '2019-Q2', '2020-Q3'], 'ascending', true)).toEqual(['2019-Q2', '2019-Q4', '2020-Q1', '2020-Q3']);
    expect(byValue(['2019-10', '2019-02', '2019-12', '2020-01'], 'descending', true)).toEqual(['2020-01', '2019-12', '2019-10', '2019-02']);
  });

  it('sorts text with its numbers by their value, case aside, and numbers as numbers', () => {
    expect(byValue(['ZIP3 100', 'ZIP3 99', 'zip3 101'])).toEqual(['ZIP3 99', 'ZIP3 100', 'zip3 101']);
    expect(byValue([10, 9, 100, -1])).toEqual([-1, 9, 10, 100]);
  });

  it('keeps empty (suppressed) cells last in either direction', () => {
    expect(byValue([3, null, 1, undefined, 2])).toEqual([1, 2, 3, null, undefined]);
    expect(byValue([3, null, 1, 2], 'descending')).toEqual([3, 2, 1, null]);
    expect(byValue(['2019', null, '2018'], 'descending', true)).toEqual(['2019', '2018', null]);
  });
});
