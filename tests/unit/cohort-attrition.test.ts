import { describe, expect, it } from 'vitest';
import { attritionSteps } from '../../core/cohorts/cohort-attrition.ts';
import type { Criterion } from '../../core/cohorts/cohort-schema.ts';

describe('attritionSteps', () => {
  const a: Criterion = { sex: 'F' };
  const b: Criterion = { age: { min: 18 } };
  const c: Criterion = { alive: true };

  it('builds one cohort per prefix of the top-level all: the first criterion alone, the last the whole definition', () => {
    const definition = { indexDate: '2020-06-30', criteria: { all: [a, b, c] } };
    const steps = attritionSteps(definition);
    expect(steps.map((s) => s.definition)).toEqual([
      { indexDate: '2020-06-30', criteria: a },
      { indexDate: '2020-06-30', criteria: { all: [a, b] } },
      { indexDate: '2020-06-30', criteria: { all: [a, b, c] } },
    ]);
    expect(steps.map((s) => [s.step, s.adds])).toEqual([[1, a], [2, b], [3, c]]);
  });

  it('makes one step of any other definition, and of an all with one criterion', () => {
    expect(attritionSteps({ criteria: { any: [a, b] } })).toEqual([{ step: 1, adds: { any: [a, b] }, definition: { criteria: { any: [a, b] } } }]);
    expect(attritionSteps({ criteria: { all: [a] } })).toEqual([{ step: 1, adds: { all: [a] }, definition: { criteria: { all: [a] } } }]);
  });
});
