// The map's data: every county of the state the rows come from, as a GeoJSON Feature carrying its
// row, written out for the tooltip (rate, CI, reliability, or why there is no colour). Pure.
import type { Geometry } from 'geojson';
import type { MeasureRow, MeasureUnit } from '../api/api-types.ts';
import { formatCount } from './format.ts';
import { messages } from './messages.ts';
import { formatInterval, formatValue } from './units.ts';
import { placeCounties, type CountyFeature } from './county-geography.ts';

export interface CountyDataInput {
  features: readonly CountyFeature[];
  /** One period's rows, each naming its `county`. */
  rows: readonly MeasureRow[];
  unit: MeasureUnit | string;
  /** 2-digit state FIPS code, when it is known rather than guessed from the names. */
  stateFips?: string;
}

export type CountyStatus = 'estimate' | 'suppressed' | 'complementary' | 'no-estimate';

/** One county of the state: its outline (a GeoJSON Feature) and what the tooltip says. */
export interface CountyDatum {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  county: string;
  status: CountyStatus;
  /** The legend key of a county without a colour ('' for an estimate). */
  statusKey: string;
  rate: number | null;
  /** The rate as written on the page, or why there is none. */
  value: string;
  ci: string;
  numerator: string;
  denominator: string;
  reliability: string;
}

const statusLabels: Record<Exclude<CountyStatus, 'estimate'>, () => string> = {
  suppressed: messages.mapSuppressed,
  complementary: messages.mapComplementary,
  'no-estimate': messages.mapNoEstimate,
};

/** The legend key of a county without a colour. */
export const statusLabel = (status: Exclude<CountyStatus, 'estimate'>): string => statusLabels[status]();

/** Every county of the state in the rows, in FIPS order, with its row (or none) turned into map data. */
export function toCountyData(input: CountyDataInput): CountyDatum[] {
  const byCounty = new Map<string, MeasureRow>();
  for (const row of input.rows) if (row.county !== undefined) byCounty.set(row.county, row);
  const placement = placeCounties(input.features, [...byCounty.keys()], input.stateFips);
  const nameOf = new Map([...placement.placed].map(([name, feature]) => [feature.id, name]));

  return placement.stateCounties.map((feature) => {
    const name = nameOf.get(feature.id);
    const row = name === undefined ? undefined : byCounty.get(name);
    const status = countyStatus(row);
    const estimate = status === 'estimate' && row?.rate != null ? row : null;
    const unreliable = estimate?.unreliable === true;
    const none = status === 'estimate' ? '' : statusLabel(status);
    return {
      type: 'Feature',
      id: feature.id,
      geometry: feature.geometry,
      // Counties without a row are named as us-atlas names them.
      county: name ?? `${feature.properties.name} County`,
      status,
      statusKey: none,
      rate: estimate?.rate ?? null,
      value: estimate?.rate != null ? formatValue(estimate.rate, input.unit) : capitalize(none),
      ci:
        estimate && estimate.ciLow !== null && estimate.ciHigh !== null
          ? formatInterval(estimate.ciLow, estimate.ciHigh, input.unit)
          : 'n/a',
      numerator: row?.numerator != null ? formatCount(row.numerator) : 'n/a',
      denominator: row?.denominator != null ? formatCount(row.denominator) : 'n/a',
      reliability: !estimate ? 'n/a' : unreliable ? messages.unreliableShort() : 'Reliable',
    };
  });
}

function countyStatus(row: MeasureRow | undefined): CountyStatus {
  if (!row) return 'no-estimate';
  if (row.suppressed) return row.suppressionReason === 'complementary' ? 'complementary' : 'suppressed';
  return row.rate === null ? 'no-estimate' : 'estimate';
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
