// Prevalence of chronic conditions: people with the condition active on any day of the period,
// among people in coverage during the period. Codes: data/reference/condition-groups.csv.
import type { MeasureDefinition } from '../measure-definition.ts';

const PREVALENCE_SOURCE =
  'Period prevalence among enrolled members, as in CMS Chronic Conditions Data Warehouse condition categories; ' +
  'condition codes from data/reference/condition-groups.csv (SNOMED CT as Synthea emits them).';

export function prevalenceMeasure(group: string, name: string): MeasureDefinition {
  const flag = `has_${group}`;
  return {
    id: `${group.replaceAll('_', '-')}-prevalence`,
    title: `${name} prevalence`,
    description: `Share of people in coverage during the period who had ${name.toLowerCase()} (a diagnosis active on any day of the period).`,
    unit: 'percent',
    direction: 'lower-is-better',
    kind: 'proportion',
    numerator: `count(*) FILTER (WHERE ${flag})`,
    denominator: 'count(*)',
    numeratorPeople: `count(*) FILTER (WHERE ${flag})`,
    denominatorPeople: 'count(*)',
    source: PREVALENCE_SOURCE,
  };
}

export const PREVALENCE_MEASURES: MeasureDefinition[] = [
  prevalenceMeasure('diabetes', 'Diabetes'),
  prevalenceMeasure('hypertension', 'Hypertension'),
];
