// Chronic-condition measures: prevalence and incidence for every condition group in
// data/reference/condition-groups.csv (SNOMED CT codes as Synthea emits them).
import type { ProportionMeasure, RateMeasure } from '../measure-definition.ts';
import { EVERY_PERIOD } from '../periods.ts';

export const CONDITION_NAMES: Record<string, string> = {
  diabetes: 'Diabetes',
  hypertension: 'Hypertension',
  hyperlipidemia: 'Hyperlipidemia',
  asthma: 'Asthma',
  copd: 'COPD',
  heart_failure: 'Heart failure',
  ckd: 'Chronic kidney disease',
  depression: 'Depression',
  obesity: 'Obesity',
  cad: 'Coronary artery disease',
  atrial_fibrillation: 'Atrial fibrillation',
  osteoarthritis: 'Osteoarthritis',
  stroke: 'Stroke',
};

const VALUE_SET_SOURCE = 'Codes: data/reference/condition-groups.csv (SNOMED CT, the codes of Synthea disease modules).';
const slug = (group: string) => group.replaceAll('_', '-');
/** 'Diabetes' → 'diabetes', but acronyms such as 'COPD' keep their capitals. */
const inText = (name: string) => (name === name.toUpperCase() ? name : name.toLowerCase());

export function prevalenceMeasure(group: string, name: string): ProportionMeasure {
  const flag = `has_${group}`;
  return {
    id: `${slug(group)}-prevalence`,
    title: `${name} prevalence`,
    description: `Share of people in coverage during the period who had ${inText(name)}: a diagnosis active on any day of the period.`,
    unit: 'percent',
    direction: 'lower-is-better',
    kind: 'proportion',
    numerator: `count(*) FILTER (WHERE ${flag})`,
    denominator: 'count(*)',
    numeratorPeople: `count(*) FILTER (WHERE ${flag})`,
    denominatorPeople: 'count(*)',
    source: `Period prevalence among enrolled members, as in the CMS Chronic Conditions Data Warehouse. ${VALUE_SET_SOURCE}`,
    periods: EVERY_PERIOD,
    periodsReason: 'Period prevalence is defined for a period of any length: a chronic diagnosis stays active from onset to its stop date (usually none), so a quarter or a month counts nearly the same people as the year around it (a little fewer: those diagnosed later in the year). All: person-periods with the condition over person-periods, the years pooled.',
  };
}

export function incidenceMeasure(group: string, name: string): RateMeasure {
  const onset = `onset_${group}`;
  const timeToOnset = `months_to_onset_${group}`;
  const atRisk = `(${onset} IS NULL OR ${onset} >= period_start)`;
  // Both set in the period holding the onset only: covered time up to the diagnosis, and whether its day is covered.
  const isNew = `new_${group}`;
  return {
    id: `${slug(group)}-incidence`,
    title: `${name} incidence`,
    description: `New ${inText(name)} diagnoses per 1,000 person-years at risk: person-time of people free of ${inText(name)}, ending at their first diagnosis.`,
    unit: 'per1000PersonYears',
    direction: 'lower-is-better',
    kind: 'rate',
    population: atRisk,
    numerator: `count(*) FILTER (WHERE ${isNew})`,
    denominator: `sum(coalesce(${timeToOnset}, member_months)) / 12`,
    numeratorPeople: `count(*) FILTER (WHERE ${isNew})`,
    denominatorPeople: 'count(*)',
    source: `Incidence rate with person-time at risk (Rothman, Modern Epidemiology, 3rd ed., ch. 3): time at risk ends at the first diagnosis. ${VALUE_SET_SOURCE}`,
    periods: EVERY_PERIOD,
    periodsReason: 'New diagnoses over person-time at risk are per 1,000 person-years whatever the period: a month and a year measure the same rate, the month with fewer events (a wider interval).',
    notes: 'A first diagnosis ever (the earliest onset in the record) counts as new. Person-time at risk is the time in coverage of people free of the condition: people diagnosed before the period contribute none; in the period of the first diagnosis, time runs from the period\'s start through the day of diagnosis (inclusive) and stops there. A first diagnosis counts as a case only when made on a covered day; one made in a gap of coverage ends the time at risk at the gap without counting (the person left observation before it), so years, quarters and months count the same cases.',
  };
}

export const CONDITION_MEASURES = [
  ...Object.entries(CONDITION_NAMES).map(([group, name]) => prevalenceMeasure(group, name)),
  ...Object.entries(CONDITION_NAMES).map(([group, name]) => incidenceMeasure(group, name)),
];
