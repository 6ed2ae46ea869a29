// The measure catalog: every measure the API serves, by id.
import type { MeasureDefinition } from './measure-definition.ts';
import { UNIT_LABELS } from './measure-definition.ts';
import { PREVALENCE_MEASURES } from './definitions/prevalence.ts';
import { UTILIZATION_MEASURES } from './definitions/utilization.ts';

export const MEASURES: MeasureDefinition[] = [...PREVALENCE_MEASURES, ...UTILIZATION_MEASURES];

const byId = new Map(MEASURES.map((m) => [m.id, m]));
if (byId.size !== MEASURES.length) throw new Error('measure catalog: duplicate measure id');

export const findMeasure = (id: string): MeasureDefinition | undefined => byId.get(id);
export const measureIds = (): string[] => MEASURES.map((m) => m.id);

/** The public description of a measure (no SQL). */
export function describeMeasure(m: MeasureDefinition) {
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    unit: m.unit,
    unitLabel: UNIT_LABELS[m.unit],
    direction: m.direction,
    source: m.source,
  };
}
