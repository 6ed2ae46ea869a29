import { describe, expect, it } from 'vitest';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';
import { cohortDefinitionSchema, CRITERION_KINDS, EVENT_KINDS, MAX_CRITERIA, previewDefinitionSchema } from '../../core/cohorts/cohort-schema.ts';
import { validateDefinition } from '../../core/cohorts/validate-definition.ts';
import { CONDITION_GROUPS, ENCOUNTER_CLASSES, SEXES } from '../../core/cohorts/value-sets.ts';
import { DomainError } from '../../core/errors.ts';
import { STATUS_OF_DOMAIN_ERROR } from '../../server/http/error-status.ts';

const EXAMPLE = {
  name: 'Poorly controlled diabetics with ED use',
  criteria: {
    all: [
      { condition: { group: 'diabetes' } },
      { lab: { code: '4548-4', op: '>', value: 9, between: ['2019-01-01', '2025-12-31'] } },
      { encounter: { class: 'emergency', minCount: 2 } },
      { not: { age: { min: 76 } } },
    ],
  },
};

/** The DomainError a definition is rejected with. */
function rejection(definition: unknown): DomainError {
  try {
    validateDefinition(cohortDefinitionSchema, definition);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the definition was accepted');
}

const withCriteria = (criteria: unknown) => ({ name: 'test', criteria });

describe('cohort definition schema', () => {
  it('accepts the example definition unchanged', () => {
    expect(validateDefinition(cohortDefinitionSchema, EXAMPLE)).toEqual(EXAMPLE);
  });

  it('accepts every kind of criterion, windows and anchors', () => {
    const criteria = {
      any: [
        { condition: { codes: ['44054006'], between: ['2020-01-01', '2020-12-31'], minCount: 1 } },
        { medication: { codes: ['860975'] } },
        { encounter: { class: ['emergency', 'inpatient'], within: { days: 30, after: { condition: { group: 'diabetes' } } } } },
        { encounter: { within: { days: 7, before: { lab: { code: '4548-4', op: '>=', value: 9 } } } } },
        { lab: { code: '4548-4', op: '!=', value: 5.5, within: { days: 0, around: { medication: { codes: ['860975'] } } } } },
        { sex: 'F' }, { race: ['black', 'asian'] }, { ethnicity: 'hispanic' }, { county: ["O'Brien County"] },
        { age: { min: 18, max: 64, at: '2020-06-30' } },
        { payer: { category: ['Medicaid', 'Dual Eligible'], between: ['2019-01-01', '2019-12-31'] } },
        { not: { all: [{ sex: 'M' }] } },
      ],
    };
    expect(validateDefinition(cohortDefinitionSchema, { ...withCriteria(criteria), indexDate: '2023-12-31', description: 'all kinds' }).criteria).toEqual(criteria);
  });

  it.each([
    ['an operator outside the list', withCriteria({ lab: { code: '4548-4', op: '>>', value: 9 } }), 'criteria.lab.op', cohortMessages.expectedOneOf(['>', '>=', '<', '<=', '=', '!='])],
    ['a LOINC code without its check digit', withCriteria({ all: [{ sex: 'F' }, { lab: { code: '4548', op: '>', value: 9 } }] }), 'criteria.all[1].lab.code', cohortMessages.badCode('LOINC')],
    ['a lab value given as text', withCriteria({ lab: { code: '4548-4', op: '>', value: '9' } }), 'criteria.lab.value', cohortMessages.expectedNumber],
    ['an unknown condition group', withCriteria({ condition: { group: 'flu' } }), 'criteria.condition.group', cohortMessages.expectedOneOf(CONDITION_GROUPS)],
    ['a SNOMED code with letters', withCriteria({ condition: { codes: ['E11.9'] } }), 'criteria.condition.codes[0]', cohortMessages.badCode('SNOMED CT')],
    ['both a group and codes', withCriteria({ condition: { group: 'diabetes', codes: ['44054006'] } }), 'criteria.condition', cohortMessages.exactlyOne(['group', 'codes'], ['group', 'codes'])],
    ['an unknown encounter class in a list', withCriteria({ encounter: { class: ['emergency', 'er'] } }), 'criteria.encounter.class[1]', cohortMessages.expectedOneOf(ENCOUNTER_CLASSES)],
    ['an unknown sex', withCriteria({ not: { sex: 'X' } }), 'criteria.not.sex', cohortMessages.expectedOneOf(SEXES)],
    ['an empty criterion', withCriteria({ any: [{}] }), 'criteria.any[0]', cohortMessages.exactlyOne(CRITERION_KINDS, []) + cohortMessages.combineHint],
    ['two criteria in one object', withCriteria({ sex: 'F', race: 'white' }), 'criteria', cohortMessages.exactlyOne(CRITERION_KINDS, ['sex', 'race']) + cohortMessages.combineHint],
    ['an unknown criterion', withCriteria({ diagnosis: { group: 'diabetes' } }), 'criteria.diagnosis', cohortMessages.unknownKey('diagnosis', CRITERION_KINDS)],
    ['a misspelt field', withCriteria({ encounter: { class: 'emergency', mincount: 2 } }), 'criteria.encounter.mincount', cohortMessages.unknownKey('mincount', ['class', 'between', 'within', 'minCount'])],
    ['a count on an anchor', withCriteria({ encounter: { within: { days: 30, after: { condition: { group: 'diabetes', minCount: 2 } } } } }), 'criteria.encounter.within.after.condition.minCount', cohortMessages.unknownKey('minCount', ['group', 'codes', 'between', 'within'])],
    ['a window without its anchor', withCriteria({ encounter: { within: { days: 30 } } }), 'criteria.encounter.within', cohortMessages.exactlyOne(['after', 'before', 'around'], [])],
    ['an anchor that is not an event', withCriteria({ encounter: { within: { days: 30, after: { sex: 'F' } } } }), 'criteria.encounter.within.after.sex', cohortMessages.unknownKey('sex', EVENT_KINDS)],
    ['fractional days', withCriteria({ encounter: { within: { days: 1.5, after: { encounter: {} } } } }), 'criteria.encounter.within.days', null],
    ['a reversed window', withCriteria({ payer: { category: 'Medicaid', between: ['2020-01-01', '2019-01-01'] } }), 'criteria.payer.between', cohortMessages.rangeReversed],
    ['a date that does not exist', withCriteria({ encounter: { between: ['2019-02-30', '2019-03-01'] } }), 'criteria.encounter.between[0]', cohortMessages.expectedDate],
    ['an age without bounds', withCriteria({ age: {} }), 'criteria.age', cohortMessages.ageNeedsBound],
    ['an age range upside down', withCriteria({ age: { min: 70, max: 60 } }), 'criteria.age', cohortMessages.ageReversed],
    ['an empty all', withCriteria({ all: [] }), 'criteria.all', null],
    ['alive: false', withCriteria({ alive: false }), 'criteria.alive', cohortMessages.aliveIsTrue],
    ['enrolment days as text', withCriteria({ enrolled: { before: '365' } }), 'criteria.enrolled.before', cohortMessages.expectedDays],
    ['fractional enrolment days', withCriteria({ enrolled: { after: 30.5 } }), 'criteria.enrolled.after', cohortMessages.expectedDays],
    ['a misspelt enrolment field', withCriteria({ enrolled: { prior: 365 } }), 'criteria.enrolled.prior', cohortMessages.unknownKey('prior', ['before', 'after'])],
    ['no name', { criteria: { sex: 'F' } }, 'name', cohortMessages.expectedName],
    ['a blank name', { name: '   ', criteria: { sex: 'F' } }, 'name', cohortMessages.expectedName],
    ['no criteria', { name: 'x' }, 'criteria', null],
    ['an unknown top-level field', { ...EXAMPLE, owner: 'me' }, 'owner', cohortMessages.unknownKey('owner', ['name', 'description', 'indexDate', 'criteria'])],
    ['text instead of an object', 'diabetics', '(definition)', cohortMessages.expectedDefinition],
  ])('rejects %s with an invalid_definition (400) naming the field', (_what, definition, path, expected) => {
    const error = rejection(definition);
    expect(STATUS_OF_DOMAIN_ERROR[error.code]).toBe(400);
    expect(error.code).toBe('invalid_definition');
    expect((error.details as { path: string }).path).toBe(path);
    if (expected !== null) expect(error.message).toBe(cohortMessages.invalidDefinition(path, expected));
    else expect(error.message).toMatch(/expected/);
  });

  it('rejects a definition with more criteria than the limit', () => {
    const criteria = { any: Array.from({ length: MAX_CRITERIA }, () => ({ sex: 'F' })) };
    const error = rejection(withCriteria(criteria));
    expect(error.message).toBe(cohortMessages.invalidDefinition('criteria', cohortMessages.tooManyCriteria(MAX_CRITERIA + 1, MAX_CRITERIA)));
  });

  it('lets a preview leave out the name, but not the criteria', () => {
    expect(validateDefinition(previewDefinitionSchema, { criteria: { sex: 'F' } })).toEqual({ criteria: { sex: 'F' } });
    expect(() => validateDefinition(previewDefinitionSchema, {})).toThrow(/'criteria'/);
  });
});
