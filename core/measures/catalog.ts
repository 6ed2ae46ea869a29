// The measure catalog: every measure the API serves, by id.
import { UNIT_LABELS, type MeasureDefinition } from './measure-definition.ts';
import { CLINICAL_QUALITY_MEASURES } from './definitions/clinical-quality.ts';
import { CONDITION_MEASURES } from './definitions/conditions.ts';
import { COST_MEASURES } from './definitions/cost.ts';
import { UTILIZATION_MEASURES } from './definitions/utilization.ts';
import { DIMENSION_NAMES } from './dimensions.ts';
import { DomainError } from '../errors.ts';
import { messages } from './messages.ts';

export const MEASURES: MeasureDefinition[] = [
  ...CONDITION_MEASURES.filter((m) => m.id.endsWith('-prevalence')),
  ...UTILIZATION_MEASURES,
  ...CLINICAL_QUALITY_MEASURES,
  ...COST_MEASURES,
  ...CONDITION_MEASURES.filter((m) => m.id.endsWith('-incidence')),
];

const byId = new Map(MEASURES.map((m) => [m.id, m]));
if (byId.size !== MEASURES.length) throw new Error('measure catalog: duplicate measure id');

export const findMeasure = (id: string): MeasureDefinition | undefined => byId.get(id);
export const measureIds = (): string[] => MEASURES.map((m) => m.id);

/** The measure with this id, or a DomainError('unknown_measure') listing the ids there are. */
export function requireMeasure(id: string): MeasureDefinition {
  const measure = findMeasure(id);
  if (!measure) throw new DomainError('unknown_measure', messages.unknownMeasure(id, measureIds()), { id });
  return measure;
}

/** The public description of a measure (no SQL). */
export function describeMeasure(m: MeasureDefinition) {
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    unit: m.unit,
    unitLabel: UNIT_LABELS[m.unit],
    direction: m.direction,
    kind: m.kind,
    stratifiers: m.stratifiers ?? DIMENSION_NAMES,
    source: m.source,
    periods: [...m.periods],
    periodsReason: m.periodsReason,
    ...(m.notes ? { notes: m.notes } : {}),
    ...(m.departures ? { departures: m.departures } : {}),
  };
}
