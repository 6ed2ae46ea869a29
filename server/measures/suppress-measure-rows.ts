// Shapes rated cells into API rows and applies disclosure control to them (see server/disclosure).
import type { Dimension } from './dimensions.ts';
import type { MeasureRow, RatedCell } from './run-measure.ts';

export function suppressMeasureRows(cells: RatedCell[], by: Dimension | undefined): MeasureRow[] {
  return cells.map((cell) => {
    const small = [cell.numeratorPeople, cell.denominatorPeople].some((n) => n > 0 && n < 11);
    const row: MeasureRow = { period: cell.period };
    if (by) row[by] = cell.stratum ?? null;
    Object.assign(row, small
      ? { numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, suppressed: true, suppressionReason: 'small-cell' }
      : { numerator: cell.numerator, denominator: cell.denominator, rate: cell.rate, ciLow: cell.ciLow, ciHigh: cell.ciHigh, suppressed: false });
    return row;
  });
}
