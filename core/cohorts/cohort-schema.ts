// The cohort definition language: a JSON tree of criteria combined with all / any / not, checked by
// zod before anything is compiled. Every code, class and category is checked against an allow-list
// or a code format here, so the compiler never sees a value it has not been told about.
import { z } from 'zod';
import { cohortMessages } from './cohort-messages.ts';
import {
  CONDITION_GROUPS, ENCOUNTER_CLASSES, ETHNICITIES, LOINC_CODE, PAYER_CATEGORIES, RACES, RXNORM_CODE, SEXES, SNOMED_CODE,
} from './value-sets.ts';

export type DateRange = [string, string];
export type Comparator = '>' | '>=' | '<' | '<=' | '=' | '!=';
type OneOrMany<T> = T | T[];

/** Another event criterion, and how close to one of its events this criterion's event must be. */
export interface Within {
  days: number;
  after?: AnchorCriterion;
  before?: AnchorCriterion;
  around?: AnchorCriterion;
}

interface EventFields {
  /** Only events dated in this window (inclusive). */
  between?: DateRange;
  /** Only events within so many days of an event of another criterion. */
  within?: Within;
}
interface Counted {
  /** At least this many matching events (default 1). */
  minCount?: number;
}

export interface ConditionSpec extends EventFields { group?: string; codes?: string[] }
export interface LabSpec extends EventFields { code: string; op: Comparator; value: number }
export interface MedicationSpec extends EventFields { codes: string[] }
export interface EncounterSpec extends EventFields { class?: OneOrMany<(typeof ENCOUNTER_CLASSES)[number]> }
export interface AgeSpec { min?: number; max?: number; at?: string }
export interface PayerSpec { category: OneOrMany<(typeof PAYER_CATEGORIES)[number]>; between?: DateRange }
/**
 * Continuously in coverage (any payer, spans that meet or overlap count as one) from `before` days
 * before the index date to `after` days after it; `{}` is "in coverage on the index date".
 */
export interface EnrolledSpec { before?: number; after?: number }

export type AnchorCriterion =
  | { condition: ConditionSpec }
  | { lab: LabSpec }
  | { medication: MedicationSpec }
  | { encounter: EncounterSpec };

export type Criterion =
  | { all: Criterion[] }
  | { any: Criterion[] }
  | { not: Criterion }
  | { condition: ConditionSpec & Counted }
  | { lab: LabSpec & Counted }
  | { medication: MedicationSpec & Counted }
  | { encounter: EncounterSpec & Counted }
  | { sex: OneOrMany<(typeof SEXES)[number]> }
  | { race: OneOrMany<(typeof RACES)[number]> }
  | { ethnicity: OneOrMany<(typeof ETHNICITIES)[number]> }
  | { county: OneOrMany<string> }
  | { age: AgeSpec }
  | { payer: PayerSpec }
  /** Alive on the index date: born by then, and no death on or before it. */
  | { alive: true }
  | { enrolled: EnrolledSpec };

export interface CohortDefinition {
  name: string;
  description?: string;
  /** The date ages and default payer coverage refer to; default: the last day of data. */
  indexDate?: string;
  criteria: Criterion;
}

export const EVENT_KINDS = ['condition', 'lab', 'medication', 'encounter'] as const;
export const CRITERION_KINDS = ['all', 'any', 'not', ...EVENT_KINDS, 'sex', 'race', 'ethnicity', 'county', 'age', 'payer', 'alive', 'enrolled'] as const;
export const MAX_CRITERIA = 100;
/** How deep criteria may nest (all / any / not / within), checked before the recursive parse. */
export const MAX_CRITERIA_DEPTH = 16;
/** Lab thresholds beyond this magnitude are no lab value (and would overflow the SQL's numbers). */
export const MAX_LAB_VALUE = 1_000_000;

const isoDate = z.iso.date({ error: cohortMessages.expectedDate });
const dateRange = z
  .tuple([isoDate, isoDate], { error: cohortMessages.expectedDateRange })
  .refine(([start, end]) => start <= end, { error: cohortMessages.rangeReversed });
const codes = (pattern: RegExp, system: string) =>
  z.array(z.string().regex(pattern, { error: cohortMessages.badCode(system) }), { error: cohortMessages.expectedCodes(system) }).min(1).max(500);
const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: cohortMessages.expectedOneOf(values) });
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);
const count = z.number().int().min(1).max(10_000).optional();

const within: z.ZodType<Within> = z.lazy(() =>
  z
    .object({
      days: z.number({ error: cohortMessages.expectedDays }).int().min(0).max(36_500),
      after: anchor.optional(),
      before: anchor.optional(),
      around: anchor.optional(),
    })
    .strict()
    .check(exactlyOne(['after', 'before', 'around'])),
);

function eventSpecs(counted: boolean) {
  const extra = counted ? { minCount: count } : {};
  const base = { between: dateRange.optional(), within: within.optional(), ...extra };
  return {
    condition: z
      .object({ group: enumOf(CONDITION_GROUPS).optional(), codes: codes(SNOMED_CODE, 'SNOMED CT').optional(), ...base })
      .strict()
      .check(exactlyOne(['group', 'codes'])),
    lab: z
      .object({
        code: z.string({ error: cohortMessages.badCode('LOINC') }).regex(LOINC_CODE, { error: cohortMessages.badCode('LOINC') }),
        op: enumOf(['>', '>=', '<', '<=', '=', '!=']),
        value: z.number({ error: cohortMessages.expectedNumber }).min(-MAX_LAB_VALUE, { error: cohortMessages.labValueRange(MAX_LAB_VALUE) }).max(MAX_LAB_VALUE, { error: cohortMessages.labValueRange(MAX_LAB_VALUE) }),
        ...base,
      })
      .strict(),
    medication: z.object({ codes: codes(RXNORM_CODE, 'RxNorm'), ...base }).strict(),
    encounter: z.object({ class: oneOrMany(enumOf(ENCOUNTER_CLASSES)).optional(), ...base }).strict(),
  };
}

const anchorSpecs = eventSpecs(false);
const anchor: z.ZodType<AnchorCriterion> = z.lazy(() =>
  z
    .object(Object.fromEntries(EVENT_KINDS.map((kind) => [kind, anchorSpecs[kind].optional()])))
    .strict()
    .check(exactlyOne(EVENT_KINDS)),
) as unknown as z.ZodType<AnchorCriterion>;

const countedSpecs = eventSpecs(true);
export const criterionSchema: z.ZodType<Criterion> = z.lazy(() =>
  z
    .object({
      all: z.array(criterionSchema).min(1).max(MAX_CRITERIA).optional(),
      any: z.array(criterionSchema).min(1).max(MAX_CRITERIA).optional(),
      not: criterionSchema.optional(),
      ...Object.fromEntries(EVENT_KINDS.map((kind) => [kind, countedSpecs[kind].optional()])),
      sex: oneOrMany(enumOf(SEXES)).optional(),
      race: oneOrMany(enumOf(RACES)).optional(),
      ethnicity: oneOrMany(enumOf(ETHNICITIES)).optional(),
      county: oneOrMany(z.string().min(1).max(100)).optional(),
      age: z
        .object({ min: z.number().int().min(0).max(150).optional(), max: z.number().int().min(0).max(150).optional(), at: isoDate.optional() })
        .strict()
        .refine((a) => a.min !== undefined || a.max !== undefined, { error: cohortMessages.ageNeedsBound })
        .refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, { error: cohortMessages.ageReversed })
        .optional(),
      payer: z.object({ category: oneOrMany(enumOf(PAYER_CATEGORIES)), between: dateRange.optional() }).strict().optional(),
      alive: z.literal(true, { error: cohortMessages.aliveIsTrue }).optional(),
      enrolled: z
        .object({
          before: z.number({ error: cohortMessages.expectedDays }).int({ error: cohortMessages.expectedDays }).min(0).max(36_500).optional(),
          after: z.number({ error: cohortMessages.expectedDays }).int({ error: cohortMessages.expectedDays }).min(0).max(36_500).optional(),
        })
        .strict()
        .optional(),
    })
    .strict()
    .check(exactlyOne(CRITERION_KINDS, cohortMessages.combineHint)),
) as unknown as z.ZodType<Criterion>;

const definitionFields = {
  name: z.string({ error: cohortMessages.expectedName }).trim().min(1, { error: cohortMessages.expectedName }).max(200),
  description: z.string().max(2000).optional(),
  indexDate: isoDate.optional(),
  criteria: criterionSchema,
};

const limitSize = (definition: { criteria: Criterion }, ctx: { addIssue: (issue: z.core.$ZodRawIssue) => void }) => {
  const size = countCriteria(definition.criteria);
  if (size > MAX_CRITERIA) ctx.addIssue({ code: 'custom', path: ['criteria'], message: cohortMessages.tooManyCriteria(size, MAX_CRITERIA), input: definition });
};

export const cohortDefinitionSchema: z.ZodType<CohortDefinition> = z
  .object(definitionFields, { error: cohortMessages.expectedDefinition })
  .strict()
  .superRefine(limitSize);

/** A definition to preview: the name is optional, as nothing is saved. */
export const previewDefinitionSchema: z.ZodType<Omit<CohortDefinition, 'name'> & { name?: string }> = z
  .object({ ...definitionFields, name: definitionFields.name.optional() }, { error: cohortMessages.expectedDefinition })
  .strict()
  .superRefine(limitSize);

/** Criteria in the tree, anchors included. */
export function countCriteria(criterion: Criterion | AnchorCriterion): number {
  const [kind, spec] = Object.entries(criterion)[0] as [string, unknown];
  if (kind === 'all' || kind === 'any') return 1 + (spec as Criterion[]).reduce((sum, c) => sum + countCriteria(c), 0);
  if (kind === 'not') return 1 + countCriteria(spec as Criterion);
  const anchored = (spec as EventFields).within;
  const anchorCriterion = anchored && (anchored.after ?? anchored.before ?? anchored.around);
  return 1 + (anchorCriterion ? countCriteria(anchorCriterion) : 0);
}

/** A check that exactly one of `keys` is present: a criterion is one thing, combined by all/any. */
function exactlyOne(keys: readonly string[], hint = '') {
  return (ctx: z.core.ParsePayload<Record<string, unknown>>) => {
    const present = keys.filter((key) => ctx.value[key] !== undefined);
    if (present.length !== 1) ctx.issues.push({ code: 'custom', message: cohortMessages.exactlyOne(keys, present) + hint, input: ctx.value });
  };
}
