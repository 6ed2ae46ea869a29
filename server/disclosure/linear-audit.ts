// Audit of a suppression pattern against a reader who combines several margins at once.
// Rule 2 looks at one margin at a time; in a two-way table, rows and columns together can still
// pin a hidden cell (e.g. rows 1+2 minus columns 1+2 isolating the one cell that links two
// blocks of suppressions). CMS cell size suppression policy (2020): suppressed values must not
// be derivable from the published data. Must never report a cell as safe when it is determined.

const EPSILON = 1e-9;

/**
 * The hidden cells whose value follows from the equations, by linear algebra.
 *
 * Each equation lists the hidden cells of one margin whose total is known: with the visible
 * cells known, "sum of these hidden cells = margin − visible" holds whatever the field
 * (people, numerator, denominator), so one audit of the pattern serves every field.
 * A hidden cell is determined exactly when its unit vector lies in the row space of the
 * equations: after reduction to reduced row echelon form, it is a pivot whose row has no
 * entry in a free column (any free column would let the value vary along the null space).
 */
export function determinedCells(
  hidden: readonly number[],
  equations: readonly (readonly number[])[],
): number[] {
  const column = new Map(hidden.map((cell, index) => [cell, index]));
  const width = hidden.length;
  const rows = equations.map((members) => {
    const row = new Float64Array(width);
    for (const cell of members) {
      const index = column.get(cell);
      if (index !== undefined) row[index] = 1;
    }
    return row;
  });

  const pivots = reduce(rows, width);
  const isPivot = new Set(pivots.map(([, col]) => col));
  const determined: number[] = [];
  for (const [rowIndex, col] of pivots) {
    const row = rows[rowIndex]!;
    let free = false;
    for (let j = 0; j < width && !free; j += 1) {
      free = !isPivot.has(j) && Math.abs(row[j]!) > EPSILON;
    }
    if (!free) determined.push(hidden[col]!);
  }
  return determined;
}

/** Gauss–Jordan elimination in place with partial pivoting; returns [row, column] of each pivot. */
function reduce(rows: Float64Array[], width: number): [number, number][] {
  const pivots: [number, number][] = [];
  let next = 0;
  for (let col = 0; col < width && next < rows.length; col += 1) {
    let best = next;
    for (let r = next + 1; r < rows.length; r += 1) {
      if (Math.abs(rows[r]![col]!) > Math.abs(rows[best]![col]!)) best = r;
    }
    if (Math.abs(rows[best]![col]!) <= EPSILON) continue;
    [rows[next], rows[best]] = [rows[best]!, rows[next]!];
    const pivotRow = rows[next]!;
    const scale = pivotRow[col]!;
    for (let j = 0; j < width; j += 1) pivotRow[j] /= scale;
    for (let r = 0; r < rows.length; r += 1) {
      const factor = rows[r]![col]!;
      if (r === next || Math.abs(factor) <= EPSILON) continue;
      const row = rows[r]!;
      for (let j = 0; j < width; j += 1) row[j] -= factor * pivotRow[j]!;
    }
    pivots.push([next, col]);
    next += 1;
  }
  return pivots;
}
