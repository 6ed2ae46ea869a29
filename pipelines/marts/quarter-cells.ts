// Whether a load builds the quarterly measure cells (mart.measure_cells_*_quarter, see
// core/measures/measure-cells.ts). They pay at scale (at 1,000,000 people a quarterly report view
// took 588 ms from person_quarter, 77 ms from cells) and cost a small warehouse more than they save
// (at 20,000 people they doubled the load, 40 s → 85 s, and grew the file 220 → 360 MB, while a
// quarterly request reads its person rows in milliseconds). Without them the server answers
// quarters from the person rows, the same answer.

import { LARGE_WAREHOUSE_PEOPLE } from '../../core/warehouse/large-warehouse.ts';

export const QUARTER_CELLS_CHOICES = ['auto', 'always', 'never'] as const;
export type QuarterCells = (typeof QUARTER_CELLS_CHOICES)[number];

/** `auto` builds the quarterly cells from this many people on (the warehouse's whole population after the load). */
export const QUARTER_CELLS_MIN_PEOPLE = LARGE_WAREHOUSE_PEOPLE;

export const quarterCellsMessages = {
  badChoice: (value: unknown) => `quarterCells must be one of ${QUARTER_CELLS_CHOICES.join(', ')} (got ${JSON.stringify(value)})`,
  built: (choice: QuarterCells, people: number) =>
    `5/7 marts: quarterly measure cells built (${choice === 'auto' ? `auto: ${people.toLocaleString('en-US')} people` : choice})`,
  skipped: (choice: QuarterCells, people: number) =>
    choice === 'never'
      ? '5/7 marts: no quarterly measure cells (never): quarterly requests read the person rows'
      : `5/7 marts: no quarterly measure cells (auto: ${people.toLocaleString('en-US')} people, fewer than ${QUARTER_CELLS_MIN_PEOPLE.toLocaleString('en-US')}): quarterly requests read the person rows`,
};

/** The choice a load was given, checked (a caller outside the CLI may pass anything); undefined is `auto`. */
export function checkQuarterCells(value: unknown): QuarterCells {
  if (value === undefined) return 'auto';
  if ((QUARTER_CELLS_CHOICES as readonly unknown[]).includes(value)) return value as QuarterCells;
  throw new Error(quarterCellsMessages.badChoice(value));
}

/**
 * Whether this load builds them. Every load rebuilds the marts over the whole population (an append
 * carries the earlier rows over), so the cells are never stale; `auto` also keeps them for a
 * warehouse that already holds them (built by `always`, or at 100,000 people or more), so an
 * appended load never drops what an operator chose: only `never` removes them.
 */
export function buildsQuarterCells(choice: QuarterCells, warehouse: { people: number; hadQuarterCells: boolean }): boolean {
  if (choice !== 'auto') return choice === 'always';
  return warehouse.hadQuarterCells || warehouse.people >= QUARTER_CELLS_MIN_PEOPLE;
}
