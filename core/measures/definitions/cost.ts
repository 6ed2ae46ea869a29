// Cost: per member per month in total and by encounter class (stratify by payer for the payer view),
// and the share of cost spent on the costliest 5% of people.
import type { MeasureDefinition, RatioMeasure } from '../measure-definition.ts';
import { COST_CLASSES, costTitle } from '../cost-classes.ts';
import { EVERY_PERIOD, YEARLY_PERIODS } from '../periods.ts';

const COST_SOURCE = 'Per member per month (PMPM) cost as in CMS Medicare Advantage and actuarial practice: total cost of encounters that started in the period over member-months; Synthea TOTAL_CLAIM_COST.';

function pmpm(id: string, column: string, label: string): RatioMeasure {
  return {
    id,
    title: costTitle(label),
    description: `${label} cost per member per month: the cost of ${label === 'Total' ? 'all encounters' : `${label.toLowerCase()} encounters`} that started in the period divided by the member-months in the period.`,
    unit: 'dollarsPmpm',
    direction: 'lower-is-better',
    kind: 'ratio',
    numeratorValue: column,
    denominatorValue: 'member_months',
    numeratorPeople: `count(*) FILTER (WHERE ${column} > 0)`,
    denominatorPeople: 'count(*)',
    source: COST_SOURCE,
    notes: 'Medication costs are not included (Synthea bills a prescription at its start for its whole duration).',
    periods: EVERY_PERIOD,
    periodsReason: 'Cost over member-months is per member per month whatever the period: a month, a quarter and a year measure the same quantity.',
  };
}

export const COST_MEASURES: MeasureDefinition[] = [
  pmpm('cost-pmpm', 'cost', 'Total'),
  ...COST_CLASSES.map(({ measure, column, label }) => pmpm(measure, column, label)),
  {
    id: 'top-5-percent-cost-share',
    title: 'Share of cost spent on the top 5% of patients',
    description: 'The share of total cost in the period incurred by the costliest 5% of people in coverage (ranked by their cost in the period).',
    unit: 'percent',
    direction: 'lower-is-better',
    kind: 'top-share',
    value: 'cost',
    fraction: 0.05,
    numeratorPeople: 'count(*) FILTER (WHERE in_top)',
    denominatorPeople: 'count(*)',
    source: 'AHRQ MEPS Statistical Brief #533 (concentration of health care expenditures: top 5% share).',
    notes: 'No confidence interval is given for this share.',
    periods: YEARLY_PERIODS,
    periodsReason: 'MEPS ranks people by a year\'s spending; over a quarter or a month most people have no cost at all, so the top 5% would hold far more of the total for reasons of timing, not of concentration. Years, and all (person-years ranked together).',
  },
];
