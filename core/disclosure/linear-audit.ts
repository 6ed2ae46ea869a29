// Linear algebra behind the audit: which sums of hidden cells follow from the known margins.
// Rule 2 looks at one margin at a time; in a two-way table, rows and columns together can still
// pin a hidden cell (e.g. rows 1+2 minus columns 1+2 isolating the one cell that links two
// blocks of suppressions). CMS cell size suppression policy (2020): suppressed values must not
// be derivable from the published data. Must never report a determined sum as safe.

const EPSILON = 1e-9;

/**
 * A test of whether the sum of some hidden cells is determined by the equations.
 *
 * Each equation lists the hidden cells of one margin whose total is known: with the visible
 * cells known, "sum of these hidden cells = margin − visible" holds whatever the field (people,
 * numerator, denominator), so one reduction serves every field. A sum is determined exactly when
 * its coefficient vector lies in the row space of the equations, i.e. reduces to zero against
 * the reduced row echelon form. Cells outside `unknowns` count as known (their coefficient is
 * dropped). Floating point is exact enough here: the coefficients are 0/1 and tables are small.
 */
export function spanTest(
  unknowns: readonly number[],
  equations: readonly (readonly number[])[],
): (sum: readonly number[]) => boolean {
  const column = new Map(unknowns.map((cell, index) => [cell, index]));
  const width = unknowns.length;
  const vector = (members: readonly number[]) => {
    const row = new Float64Array(width);
    for (const cell of members) {
      const index = column.get(cell);
      if (index !== undefined) row[index] = 1;
    }
    return row;
  };
  const rows = equations.map(vector);
  const pivots = reduce(rows, width);
  // In reduced row echelon form a single cell is determined exactly when the row pivoting on its
  // column is that cell alone (the combination giving it can only use that row): the audit asks
  // this for every hidden cell, so it is answered without reducing a vector.
  const pivotRowOf = new Map(pivots.map(([rowIndex, col]) => [col, rows[rowIndex]!]));
  const aloneInRow = (col: number) => {
    const row = pivotRowOf.get(col);
    if (!row) return false;
    for (let j = 0; j < width; j += 1) if (j !== col && Math.abs(row[j]!) > EPSILON) return false;
    return Math.abs(row[col]! - 1) <= EPSILON;
  };

  return (sum) => {
    if (sum.length === 1) {
      const col = column.get(sum[0]!);
      return col === undefined || aloneInRow(col);
    }
    const v = vector(sum);
    for (const [rowIndex, col] of pivots) {
      const factor = v[col]!;
      if (Math.abs(factor) <= EPSILON) continue;
      const row = rows[rowIndex]!;
      for (let j = 0; j < width; j += 1) v[j] -= factor * row[j]!;
    }
    return v.every((x) => Math.abs(x) <= EPSILON);
  };
}

/** The unknown cells whose own value follows from the equations. */
export function determinedCells(unknowns: readonly number[], equations: readonly (readonly number[])[]): number[] {
  const determined = spanTest(unknowns, equations);
  return unknowns.filter((cell) => determined([cell]));
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
