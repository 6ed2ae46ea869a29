// Utilization per 1,000 member-years: encounters that started in the period over the time in coverage.
import type { MeasureDefinition } from '../measure-definition.ts';

export const UTILIZATION_MEASURES: MeasureDefinition[] = [
  {
    id: 'ed-visits-per-1000',
    title: 'ED visits per 1,000',
    description: 'Emergency department visits per 1,000 member-years: visits that started in the period divided by the years of coverage in the period.',
    unit: 'per1000',
    direction: 'lower-is-better',
    kind: 'rate',
    numerator: 'sum(ed_visits)',
    denominator: 'sum(member_months) / 12',
    numeratorPeople: 'count(*) FILTER (WHERE ed_visits > 0)',
    denominatorPeople: 'count(*)',
    source: 'HEDIS Ambulatory Care (AMB) ED visits per 1,000 member months, expressed per member-year; Synthea encounter class "emergency".',
  },
];
