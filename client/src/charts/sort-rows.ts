// Sorting a chart's table: by any column, numbers as numbers, empty (suppressed) cells always last. Pure.

export type SortDirection = 'ascending' | 'descending';

export function sortBy<T>(rows: readonly T[], value: (row: T) => string | number | null | undefined, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y), 'en', { numeric: true });
  });
}

export interface TableSort {
  column: string;
  direction: SortDirection;
}

/** A click on a column's header: sort by it ascending, or flip the direction if it already sorts. */
export function nextSort(sort: TableSort, column: string): TableSort {
  return { column, direction: sort.column === column && sort.direction === 'ascending' ? 'descending' : 'ascending' };
}
