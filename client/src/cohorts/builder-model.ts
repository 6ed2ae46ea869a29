// The cohort builder's editable form of a definition (drafts the form binds to) and its translation
// to the cohort language (core/cohorts/cohort-schema.ts). Pure: no runes, no requests. A draft that is
// not finished yet (a lab without a value) gives a problem in words instead of a definition, so
// nothing half-typed is ever sent.
import type { Comparator, Criterion } from '../../../core/cohorts/cohort-schema.ts';

export const LEAF_KINDS = ['condition', 'lab', 'medication', 'encounter', 'sex', 'race', 'ethnicity', 'age', 'county', 'payer', 'alive', 'enrolled'] as const;
export type LeafKind = (typeof LEAF_KINDS)[number];

export const KIND_LABELS: Record<LeafKind | 'group', string> = {
  condition: 'Condition (value set or codes)',
  lab: 'Lab result with a threshold',
  medication: 'Medication (RxNorm codes)',
  encounter: 'Encounter (by class)',
  sex: 'Sex',
  race: 'Race',
  ethnicity: 'Ethnicity',
  age: 'Age at the index date',
  county: 'County',
  payer: 'Payer category',
  alive: 'Alive at the index date',
  enrolled: 'Continuously enrolled around the index date',
  group: 'Group (all / any of several)',
};

export const EVENT_KINDS: readonly LeafKind[] = ['condition', 'lab', 'medication', 'encounter'];
export type Relation = 'after' | 'before' | 'around';
export type AnchorKind = 'condition' | 'encounter' | 'medication';

/** "Within N days after/before/around an event of another kind" on an event criterion. */
export interface WithinDraft {
  enabled: boolean;
  days: number | null;
  relation: Relation;
  anchorKind: AnchorKind;
  /** A condition group, an encounter class, or RxNorm codes separated by commas. */
  anchorValue: string;
}

export interface LeafDraft {
  id: number;
  kind: LeafKind;
  negate: boolean;
  /** condition: a value set (group) or codes. */
  conditionBy: 'group' | 'codes';
  group: string;
  /** SNOMED CT (condition) or RxNorm (medication) codes, separated by commas or spaces. */
  codes: string;
  labCode: string;
  op: Comparator;
  value: number | null;
  /** Encounter classes, sexes, races, ethnicities or payer categories ticked. */
  values: string[];
  county: string;
  min: number | null;
  max: number | null;
  before: number | null;
  after: number | null;
  /** Event window, inclusive dates ('' = open). */
  from: string;
  to: string;
  minCount: number | null;
  within: WithinDraft;
}

export interface GroupDraft {
  id: number;
  kind: 'group';
  negate: boolean;
  op: 'all' | 'any';
  children: Draft[];
}

export type Draft = LeafDraft | GroupDraft;

let nextId = 1;

export function newLeaf(kind: LeafKind, defaults: { group?: string } = {}): LeafDraft {
  return {
    id: nextId++,
    kind,
    negate: false,
    conditionBy: 'group',
    group: defaults.group ?? '',
    codes: '',
    labCode: '',
    op: '>=',
    value: null,
    values: [],
    county: '',
    min: null,
    max: null,
    before: kind === 'enrolled' ? 365 : null,
    after: kind === 'enrolled' ? 0 : null,
    from: '',
    to: '',
    minCount: null,
    within: { enabled: false, days: 30, relation: 'after', anchorKind: 'condition', anchorValue: '' },
  };
}

export const newGroup = (op: 'all' | 'any' = 'any'): GroupDraft => ({ id: nextId++, kind: 'group', negate: false, op, children: [] });

export type Translation = { criterion: Criterion; problem: null } | { criterion: null; problem: string };

const present = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
const splitCodes = (text: string) => text.split(/[\s,;]+/).filter(Boolean);
const problem = (text: string): Translation => ({ criterion: null, problem: text });
const ok = (criterion: Criterion): Translation => ({ criterion, problem: null });

/** One draft as a criterion, or what is missing; `where` names it ("Criterion 2") in the problem. */
export function toCriterion(draft: Draft, where: string): Translation {
  const translated = draft.kind === 'group' ? groupCriterion(draft, where) : leafCriterion(draft, where);
  if (translated.criterion && draft.negate) return ok({ not: translated.criterion });
  return translated;
}

function groupCriterion(group: GroupDraft, where: string): Translation {
  if (group.children.length === 0) return problem(`${where}: add a criterion to the group`);
  const children: Criterion[] = [];
  for (const [i, child] of group.children.entries()) {
    const translated = toCriterion(child, `${where}.${i + 1}`);
    if (!translated.criterion) return translated;
    children.push(translated.criterion);
  }
  return ok(group.op === 'all' ? { all: children } : { any: children });
}

function leafCriterion(d: LeafDraft, where: string): Translation {
  const oneOrMany = (values: string[]) => (values.length === 1 ? values[0]! : [...values]);
  switch (d.kind) {
    case 'sex':
    case 'race':
    case 'ethnicity':
    case 'payer':
      if (d.values.length === 0) return problem(`${where}: tick at least one ${d.kind === 'payer' ? 'payer category' : d.kind}`);
      if (d.kind === 'payer') return ok({ payer: { category: oneOrMany(d.values) as never } });
      return ok({ [d.kind]: oneOrMany(d.values) } as Criterion);
    case 'county': {
      const counties = d.county.split(',').map((c) => c.trim()).filter(Boolean);
      return counties.length ? ok({ county: oneOrMany(counties) }) : problem(`${where}: enter a county`);
    }
    case 'age': {
      if (!present(d.min) && !present(d.max)) return problem(`${where}: enter a lowest or highest age`);
      return ok({ age: { ...(present(d.min) ? { min: d.min } : {}), ...(present(d.max) ? { max: d.max } : {}) } });
    }
    case 'alive':
      return ok({ alive: true });
    case 'enrolled':
      return ok({ enrolled: { before: present(d.before) ? d.before : 0, after: present(d.after) ? d.after : 0 } });
    default:
      return eventCriterion(d, where);
  }
}

function eventCriterion(d: LeafDraft, where: string): Translation {
  const fields: Record<string, unknown> = {};
  if (d.from || d.to) {
    if (!d.from || !d.to) return problem(`${where}: give both dates of the time window, or neither`);
    fields.between = [d.from, d.to];
  }
  if (present(d.minCount) && d.minCount > 1) fields.minCount = d.minCount;
  if (d.within.enabled) {
    const anchor = anchorCriterion(d.within, where);
    if ('problem' in anchor) return problem(anchor.problem);
    if (!present(d.within.days)) return problem(`${where}: enter the number of days`);
    fields.within = { days: d.within.days, [d.within.relation]: anchor.criterion };
  }
  switch (d.kind) {
    case 'condition':
      if (d.conditionBy === 'group') return d.group ? ok({ condition: { group: d.group, ...fields } }) : problem(`${where}: choose a condition group`);
      return splitCodes(d.codes).length ? ok({ condition: { codes: splitCodes(d.codes), ...fields } }) : problem(`${where}: enter SNOMED CT codes`);
    case 'medication':
      return splitCodes(d.codes).length ? ok({ medication: { codes: splitCodes(d.codes), ...fields } }) : problem(`${where}: enter RxNorm codes`);
    case 'lab':
      if (!d.labCode.trim()) return problem(`${where}: enter a LOINC code`);
      if (!present(d.value)) return problem(`${where}: enter a threshold value`);
      return ok({ lab: { code: d.labCode.trim(), op: d.op, value: d.value, ...fields } });
    default:
      return ok({ encounter: { ...(d.values.length ? { class: oneOrManyClass(d.values) } : {}), ...fields } });
  }
}

const oneOrManyClass = (values: string[]) => (values.length === 1 ? values[0] : [...values]) as never;

function anchorCriterion(within: WithinDraft, where: string): { criterion: Criterion } | { problem: string } {
  const value = within.anchorValue.trim();
  if (within.anchorKind === 'condition') return value ? { criterion: { condition: { group: value } } } : { problem: `${where}: choose the condition the days count from` };
  if (within.anchorKind === 'encounter') return { criterion: { encounter: value ? { class: value as never } : {} } };
  const codes = splitCodes(value);
  return codes.length ? { criterion: { medication: { codes } } } : { problem: `${where}: enter the RxNorm codes the days count from` };
}

/** The whole builder as a definition to preview (the name optional), or the first thing missing. */
export function toDefinition(root: GroupDraft, indexDate: string, name: string): { definition: { name?: string; indexDate?: string; criteria: Criterion } | null; problem: string | null } {
  if (root.children.length === 0) return { definition: null, problem: 'Add a criterion to see the size of the cohort.' };
  const criteria: Criterion[] = [];
  for (const [i, child] of root.children.entries()) {
    const translated = toCriterion(child, `Criterion ${i + 1}`);
    if (!translated.criterion) return { definition: null, problem: translated.problem };
    criteria.push(translated.criterion);
  }
  const combined: Criterion = root.op === 'all' ? { all: criteria } : { any: criteria };
  const named = name.trim() ? { name: name.trim() } : {};
  return { definition: { ...named, ...(indexDate ? { indexDate } : {}), criteria: combined }, problem: null };
}

/** A criterion in words, for the attrition table's "adds" column. */
export function describeCriterion(c: Criterion): string {
  const list = (v: string | string[]) => (Array.isArray(v) ? v.join(' or ') : v);
  if ('all' in c) return `all of (${c.all.map(describeCriterion).join('; ')})`;
  if ('any' in c) return `any of (${c.any.map(describeCriterion).join('; ')})`;
  if ('not' in c) return `not ${describeCriterion(c.not)}`;
  if ('sex' in c) return `sex ${list(c.sex)}`;
  if ('race' in c) return `race ${list(c.race)}`;
  if ('ethnicity' in c) return `ethnicity ${list(c.ethnicity)}`;
  if ('county' in c) return `county ${list(c.county)}`;
  if ('age' in c) return `age ${c.age.min ?? 0}–${c.age.max ?? '…'} at the index date`;
  if ('payer' in c) return `payer ${list(c.payer.category)}`;
  if ('alive' in c) return 'alive at the index date';
  if ('enrolled' in c) return `enrolled from ${c.enrolled.before ?? 0} days before to ${c.enrolled.after ?? 0} days after the index date`;
  const [kind, spec] = Object.entries(c)[0] as [string, Record<string, unknown>];
  const what =
    kind === 'condition'
      ? `condition ${spec.group ?? (spec.codes as string[]).join(', ')}`
      : kind === 'lab'
        ? `lab ${spec.code} ${spec.op} ${spec.value}`
        : kind === 'medication'
          ? `medication ${(spec.codes as string[]).join(', ')}`
          : `encounter ${spec.class ? list(spec.class as string | string[]) : '(any class)'}`;
  const between = spec.between ? ` between ${(spec.between as string[]).join(' and ')}` : '';
  const count = spec.minCount ? `, at least ${spec.minCount} times` : '';
  const within = spec.within as { days: number; after?: Criterion; before?: Criterion; around?: Criterion } | undefined;
  const anchored = within
    ? `, within ${within.days} days ${within.after ? 'after' : within.before ? 'before' : 'around'} ${describeCriterion((within.after ?? within.before ?? within.around)!)}`
    : '';
  return `${what}${between}${count}${anchored}`;
}
