// How each measure unit is written: on a tile, in a change, on an axis and in a tooltip.
// Pure, so that a server-side chart renderer (the e-mail reports of issue 19) can use it too.
import { formatFixed } from './en-us-numbers.ts';
import type { MeasureUnit } from '../api/api-types.ts';

export interface UnitFormat {
  decimals: number;
  /** Written before the number (`$`). */
  prefix: string;
  /** Written after the number on a tile: `%`, `per 1,000`, `PMPM`, `days`. */
  suffix: string;
  /** Whether a space separates the number from the suffix. */
  spaced: boolean;
  /** Suffix of a change: percentage points for percentages. */
  changeSuffix: string;
  /** d3-format specifier for Vega tooltips and axes. */
  d3Format: string;
}

const formats: Record<MeasureUnit, UnitFormat> = {
  percent: { decimals: 1, prefix: '', suffix: '%', spaced: false, changeSuffix: ' pp', d3Format: '.1f' },
  per1000MemberYears: { decimals: 1, prefix: '', suffix: 'per 1,000', spaced: true, changeSuffix: '', d3Format: ',.1f' },
  per1000PersonYears: { decimals: 1, prefix: '', suffix: 'per 1,000', spaced: true, changeSuffix: '', d3Format: ',.1f' },
  dollarsPmpm: { decimals: 2, prefix: '$', suffix: 'PMPM', spaced: true, changeSuffix: '', d3Format: '$,.2f' },
  days: { decimals: 1, prefix: '', suffix: 'days', spaced: true, changeSuffix: ' days', d3Format: ',.1f' },
};

/** Unknown units (a newer server) are written as plain numbers with their label. */
export function unitFormat(unit: string, unitLabel = ''): UnitFormat {
  return (
    formats[unit as MeasureUnit] ?? {
      decimals: 1, prefix: '', suffix: unitLabel, spaced: true, changeSuffix: '', d3Format: ',.1f',
    }
  );
}

/** The value axis title, e.g. "Rate (%)", "Rate (per 1,000 member-years)", "USD per member per month". */
export function axisTitle(unit: string, unitLabel: string): string {
  if (unit === 'dollarsPmpm') return unitLabel;
  if (unit === 'days') return 'Days';
  return `Rate (${unitLabel})`;
}

/** `1,234.6`: grouped, with `decimals` fraction digits (en-us-numbers.ts). */
export function formatNumber(value: number, decimals: number): string {
  return formatFixed(value, decimals);
}

/** `9.7`, `$412.35`: the number with its prefix, without the suffix. */
export function formatValue(value: number, unit: string): string {
  const format = unitFormat(unit);
  const sign = value < 0 ? '−' : '';
  return `${sign}${format.prefix}${formatNumber(Math.abs(value), format.decimals)}`;
}

/** `+0.4 pp`, `−$12.30`, `±0.0`. */
export function formatChange(change: number, unit: string): string {
  const format = unitFormat(unit);
  const rounded = Number(change.toFixed(format.decimals));
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return `${sign}${format.prefix}${formatNumber(Math.abs(change), format.decimals)}${format.changeSuffix}`;
}

/** `8.6–10.8`, `$401.20–$423.50`. */
export function formatInterval(low: number, high: number, unit: string): string {
  return `${formatValue(low, unit)}–${formatValue(high, unit)}`;
}
