// Turns zod's verdict on a cohort definition into a 400 that names the field (as a path such as
// criteria.all[1].lab.op) and what was expected there. Never lets an unchecked definition through.
import type { z } from 'zod';
import { DomainError } from '../errors.ts';
import { cohortMessages } from './cohort-messages.ts';
import { CRITERION_KINDS, EVENT_KINDS, MAX_CRITERIA_DEPTH } from './cohort-schema.ts';

export interface DefinitionIssue {
  path: string;
  message: string;
}

/** Parses `input` with `schema`, or throws DomainError('invalid_definition') naming the first fault. */
export function validateDefinition<T>(schema: z.ZodType<T>, input: unknown): T {
  // Before the recursive parse, which a deep enough nesting would run out of stack in.
  const tooDeep = pathBeyondDepth(input, MAX_CRITERIA_DEPTH);
  if (tooDeep) {
    const path = formatPath(tooDeep);
    throw new DomainError('invalid_definition', cohortMessages.invalidDefinition(path, cohortMessages.nestedTooDeep(MAX_CRITERIA_DEPTH)), { path, issues: [{ path, message: cohortMessages.nestedTooDeep(MAX_CRITERIA_DEPTH) }] });
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.flatMap((issue) => describeIssue(issue, []));
  const first = issues[0]!;
  throw new DomainError('invalid_definition', cohortMessages.invalidDefinition(first.path, first.message), { path: first.path, issues });
}

/** `['criteria', 'all', 1, 'lab', 'op']` → `criteria.all[1].lab.op`; the root is `(definition)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  const text = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
  return text || '(definition)';
}

function describeIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): DefinitionIssue[] {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: cohortMessages.unknownKey(key, allowedKeys(path)) }));
    case 'invalid_union': {
      // "one value or a list of values": report the branch that got furthest into the input.
      const branches = issue.errors.filter((branch) => branch.length > 0);
      const best = branches.sort((a, b) => depth(b) - depth(a) || Number(isTypeMismatch(a)) - Number(isTypeMismatch(b)))[0];
      return best ? describeIssue(best[0]!, path) : [{ path: formatPath(path), message: issue.message }];
    }
    default:
      return [{ path: formatPath(path), message: issue.message }];
  }
}

const depth = (issues: z.core.$ZodIssue[]) => Math.max(...issues.map((i) => i.path.length));
const isTypeMismatch = (issues: z.core.$ZodIssue[]) => issues.every((i) => i.code === 'invalid_type' && i.path.length === 0);

const EVENT_FIELDS: Record<(typeof EVENT_KINDS)[number], string[]> = {
  condition: ['group', 'codes'],
  lab: ['code', 'op', 'value'],
  medication: ['codes'],
  encounter: ['class'],
};

/** The fields the object at `path` accepts; the language is regular enough to tell from the path. */
function allowedKeys(path: readonly PropertyKey[]): readonly string[] {
  const last = path.at(-1);
  const parent = path.at(-2);
  if (path.length === 0) return ['name', 'description', 'indexDate', 'criteria'];
  if (last === 'criteria' || last === 'not' || (typeof last === 'number' && (parent === 'all' || parent === 'any'))) return CRITERION_KINDS;
  if (last === 'within') return ['days', 'after', 'before', 'around'];
  if (last === 'after' || last === 'before' || last === 'around') return EVENT_KINDS;
  if (last === 'age') return ['min', 'max', 'at'];
  if (last === 'payer') return ['category', 'between'];
  if (last === 'enrolled') return ['before', 'after'];
  if (typeof last === 'string' && last in EVENT_FIELDS) {
    const isAnchor = parent === 'after' || parent === 'before' || parent === 'around';
    return [...EVENT_FIELDS[last as keyof typeof EVENT_FIELDS], 'between', 'within', ...(isAnchor ? [] : ['minCount'])];
  }
  return [];
}

/** Keys through which one criterion holds others: combinators, negation and event anchors. */
const NESTING_KEYS = new Set(['all', 'any', 'not', 'within', 'after', 'before', 'around', ...EVENT_KINDS]);

/**
 * The path of the first criterion nested deeper than `max` criteria below `criteria`, walked
 * without recursion (so any input is safe), or undefined. Depth counts criteria, not JSON levels:
 * `{ not: { not: { sex } } }` is three deep.
 */
function pathBeyondDepth(input: unknown, max: number): PropertyKey[] | undefined {
  if (typeof input !== 'object' || input === null || !('criteria' in input)) return undefined;
  const stack: { value: unknown; path: PropertyKey[]; depth: number }[] = [{ value: (input as { criteria: unknown }).criteria, path: ['criteria'], depth: 1 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    // JSON levels that open no criterion (lists in lists) are bounded too, so paths stay short.
    if (depth > max || path.length > 4 * max) return path;
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: [...path, i], depth }));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (!NESTING_KEYS.has(key)) continue;
        // A criterion's own key (`not`, `all`, an event kind) opens the next criterion down.
        const opensCriterion = key === 'not' || key === 'after' || key === 'before' || key === 'around' || key === 'all' || key === 'any';
        stack.push({ value: child, path: [...path, key], depth: opensCriterion ? depth + 1 : depth });
      }
    }
  }
  return undefined;
}
