import { describe, expect, it } from 'vitest';
import { describeCriterion, newGroup, newLeaf, toDefinition } from '../../client/src/cohorts/builder-model.ts';
import { previewDefinitionSchema, type Criterion } from '../../core/cohorts/cohort-schema.ts';

describe('the cohort builder model', () => {
  it('writes the drafts as a definition the language accepts: all / any / not, windows, counts, within N days', () => {
    const root = newGroup('all');
    const women = newLeaf('sex');
    women.values.push('F');
    const lab = newLeaf('lab');
    Object.assign(lab, { labCode: '4548-4', op: '>', value: 9, from: '2019-01-01', to: '2024-12-31' });
    const ed = newLeaf('encounter');
    ed.values.push('emergency');
    ed.minCount = 2;
    ed.within = { enabled: true, days: 30, relation: 'after', anchorKind: 'condition', anchorValue: 'diabetes' };
    const old = newLeaf('age');
    old.min = 76;
    old.negate = true;
    const either = newGroup('any');
    const enrolled = newLeaf('enrolled');
    either.children.push(newLeaf('alive'), enrolled);
    root.children.push(women, lab, ed, old, either);

    const { definition, problem } = toDefinition(root, '2024-12-31', 'Poorly controlled');
    expect(problem).toBeNull();
    expect(definition).toEqual({
      name: 'Poorly controlled',
      indexDate: '2024-12-31',
      criteria: {
        all: [
          { sex: 'F' },
          { lab: { code: '4548-4', op: '>', value: 9, between: ['2019-01-01', '2024-12-31'] } },
          { encounter: { class: 'emergency', minCount: 2, within: { days: 30, after: { condition: { group: 'diabetes' } } } } },
          { not: { age: { min: 76 } } },
          { any: [{ alive: true }, { enrolled: { before: 365, after: 0 } }] },
        ],
      },
    });
    expect(previewDefinitionSchema.safeParse(definition).success).toBe(true);
    expect(describeCriterion((definition!.criteria as { all: Criterion[] }).all[2]!)).toBe('encounter emergency, at least 2 times, within 30 days after condition diabetes');
  });

  it('names what is missing instead of sending half a definition', () => {
    const root = newGroup('all');
    expect(toDefinition(root, '', '').problem).toBe('Add a criterion to see the size of the cohort.');
    const lab = newLeaf('lab');
    lab.labCode = '4548-4';
    root.children.push(newLeaf('alive'), lab);
    expect(toDefinition(root, '', '')).toEqual({ definition: null, problem: 'Criterion 2: enter a threshold value' });
    const window = newLeaf('encounter');
    window.from = '2020-01-01';
    const group = newGroup('any');
    group.children.push(window);
    root.children.splice(1, 1, group);
    expect(toDefinition(root, '', '').problem).toBe('Criterion 2.1: give both dates of the time window, or neither');
  });
});
