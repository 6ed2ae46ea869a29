// Saved cohorts: define, list, delete, preview, characterize and compare. Definitions are checked
// by the zod schema (400 naming the field); every cohort passes the caller's cohort ledger first
// (cohort-gate.ts: 409 when it differs from an earlier one by 1–10 people), and every count in a
// response is published through disclosure control (perturbed, or exact under the admin setting).
// The definition language is recursive, so the request body is described in prose here and in
// docs/architecture.md#cohorts.
import { z } from 'zod';
import type { Request } from 'express';
import type { CohortToAdmit } from '../../core/cohorts/admit-cohort.ts';
import { attritionSteps, type AttritionStep } from '../../core/cohorts/cohort-attrition.ts';
import { characterizeCohort } from '../../core/cohorts/characterize-cohort.ts';
import { countDisclosure } from '../../core/cohorts/cohort-disclosure.ts';
import { estimateSize } from '../../core/cohorts/estimate-size.ts';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';
import { cohortDefinitionSchema, previewDefinitionSchema } from '../../core/cohorts/cohort-schema.ts';
import { compareCohorts } from '../../core/cohorts/compare-cohorts.ts';
import { findCohort } from '../../core/cohorts/find-cohort.ts';
import { DEFAULT_COHORT_QUOTA, type CohortQuota, type CohortStore, type SavedCohort } from '../../core/cohorts/saved-cohort.ts';
import { validateDefinition } from '../../core/cohorts/validate-definition.ts';
import { cohortVocabulary } from '../../core/cohorts/value-sets.ts';
import { DomainError } from '../../core/errors.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { noteForAudit } from '../audit/audit-notes.ts';
import { errorResponse, objectResponse } from '../openapi/operation-parts.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { restrictionOf } from '../routing/row-access.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import type { CohortGate } from './cohort-gate.ts';
import type { CohortPreparation, PreparationState } from './cohort-preparation.ts';
import { principalOf } from './principal.ts';

const NEWCOMBE = 'Newcombe (1998) hybrid score interval (method 10), Stat Med 17:873–890, from Wilson intervals of each share';
const BODY_LIMIT = { limit: '256kb' };
const tags = ['cohorts'];

const compareQuery = z.object({ a: z.string().min(1), b: z.string().min(1) }).strict();
const renameBody = z
  .object({ name: z.string({ error: cohortMessages.expectedName }).trim().min(1, { error: cohortMessages.expectedName }).max(200), description: z.string().max(2000).nullable().optional() })
  .strict();
const idParameter = { name: 'id', in: 'path', required: true, description: 'Id of a saved cohort', schema: { type: 'string' } };
const definitionBody = (what: string) => ({
  required: true,
  description: `${what}: { name, description?, indexDate?, criteria }, criteria combined with all / any / not (docs/architecture.md, Cohorts).`,
  content: { 'application/json': { schema: { type: 'object' } } },
});

const summary = ({ id, name, createdAt, definition }: SavedCohort) => ({ id, name, description: definition.description ?? null, createdAt });

export interface CohortRouteOptions {
  /** Exact counts (a trusted environment) instead of the cell key method's perturbed ones. */
  exactCounts?: boolean;
  /** The caller's cohort ledger, which every cohort passes before anything is computed for it. */
  gate: CohortGate;
  /** What each principal may keep saved (count and bytes); DEFAULT_COHORT_QUOTA unless given. */
  quota?: CohortQuota;
  /** Prepares each cohort saved in the background, and says which are prepared. */
  preparation: CohortPreparation;
}

export function cohortRoutes(warehouse: LiveWarehouse, store: CohortStore, { exactCounts = false, gate, quota = DEFAULT_COHORT_QUOTA, preparation }: CohortRouteOptions): RouteTable {
  const counts = { exactCounts };

  /** Each cohort's preparation on the generation served; unknown (not prepared) when the warehouse cannot be read. */
  async function preparationOf(cohorts: SavedCohort[]): Promise<PreparationState[]> {
    const unknown = { prepared: false, preparing: false };
    return warehouse.use((db) => Promise.all(cohorts.map((cohort) => preparation.state(db, cohort)))).catch(() => cohorts.map(() => unknown));
  }

  /**
   * The attrition steps of the request's definition (the estimate's and the attrition's), each answered by `answer`
   * one after the other: each step passes a ledger that already holds the steps before it. The last step is the
   * definition itself, under its name; the steps before it have none.
   */
  async function answerSteps<T>(request: Request, answer: (db: Database, step: AttritionStep, cohort: CohortToAdmit) => Promise<T>): Promise<{ dataVersion: string; steps: T[] }> {
    const definition = validateDefinition(previewDefinitionSchema, request.body);
    return warehouse.use(async (db) => {
      const all = attritionSteps(definition);
      const steps: T[] = [];
      for (const step of all) steps.push(await answer(db, step, { definition: step.definition, name: step.step === all.length ? (definition.name ?? null) : null }));
      return { dataVersion: (await warehouseMeta(db)).dataVersion, steps };
    });
  }

  return [
    {
      method: 'post',
      path: '/cohorts/preview',
      readsRows: true,
      role: 'analyst',
      jsonBody: BODY_LIMIT,
      operation: {
        summary: 'Size of an unsaved definition, after disclosure control',
        operationId: 'previewCohort',
        tags,
        requestBody: definitionBody('A cohort definition; the name may be left out'),
        responses: { 200: objectResponse('{ dataVersion, size: { value, suppressed } }'), 400: errorResponse('BadRequest'), 409: errorResponse('Conflict') },
      },
      handler: async (request, response) => {
        const definition = validateDefinition(previewDefinitionSchema, request.body);
        const [{ dataVersion }, size] = await warehouse.use(async (db) => {
          // The gate has counted the members (within the caller's rows) to judge them: published from that count.
          const people = await gate.admit(db, request, { definition, name: definition.name ?? null });
          return [await warehouseMeta(db), countDisclosure(counts).size(people)] as const;
        });
        noteForAudit(response, { dataVersion, cellsReturned: 1, cellsSuppressed: size.suppressed ? 1 : 0 });
        response.json({ dataVersion, size });
      },
    },
    {
      method: 'post',
      path: '/cohorts/estimate',
      readsRows: true,
      role: 'analyst',
      jsonBody: BODY_LIMIT,
      operation: {
        summary: "The live builder's estimate of a draft: its size and each attrition step's, rounded, never refused",
        operationId: 'estimateCohort',
        tags,
        description:
          'Each size is the published (perturbed, 1–10 suppressed) size rounded to two significant figures and to no less than 100 people (roundedTo says to what). ' +
          'A draft, or a step, that lies 1–10 people from an earlier cohort of the caller shows that cohort\'s estimate instead of its own, and only drafts far from every earlier one are kept in the ledger, as drafts: ' +
          'an estimate never makes a later preview or save of the caller refused (docs/disclosure.md, Cohorts). Steps are those of POST /cohorts/attrition.',
        requestBody: definitionBody('A cohort definition; the name may be left out'),
        responses: {
          200: objectResponse('{ dataVersion, size: { value, suppressed, roundedTo }, steps: [{ step, adds, size: { value, suppressed, roundedTo } }] }'),
          400: errorResponse('BadRequest'),
        },
      },
      handler: async (request, response) => {
        const disclosure = countDisclosure(counts);
        // A step that lies 1–10 people from an earlier cohort shows that cohort's estimate (the gate's choice), never a refusal.
        const { dataVersion, steps } = await answerSteps(request, async (db, { step, adds }, cohort) => ({
          step, adds, size: estimateSize(disclosure.size(await gate.estimate(db, request, cohort))),
        }));
        const suppressed = steps.filter((s) => s.size.suppressed).length;
        noteForAudit(response, { dataVersion, cellsReturned: steps.length, cellsSuppressed: suppressed });
        response.json({ dataVersion, size: steps.at(-1)!.size, steps });
      },
    },
    {
      method: 'post',
      path: '/cohorts/attrition',
      readsRows: true,
      role: 'analyst',
      jsonBody: BODY_LIMIT,
      operation: {
        summary: 'People left after each criterion of the top-level all, each step through the cohort ledger and disclosure control',
        operationId: 'cohortAttrition',
        tags,
        description:
          'Step k is the cohort of criteria 1…k of the top-level all (a definition without one is a single step). Each step is a cohort: it passes the caller\'s cohort ledger and its size is published as a preview\'s is. A step the ledger refuses has refused: true, its message and no size.',
        requestBody: definitionBody('A cohort definition; the name may be left out'),
        responses: {
          200: objectResponse('{ dataVersion, steps: [{ step, adds, refused, size: { value, suppressed } | null, message: string | null }] }'),
          400: errorResponse('BadRequest'),
        },
      },
      handler: async (request, response) => {
        const { dataVersion, steps } = await answerSteps(request, async (db, { step, adds }, cohort) => {
          const verdict = await gate.judge(db, request, cohort);
          return verdict.admitted
            ? { step, adds, refused: false, size: countDisclosure(counts).size(verdict.people), message: null }
            : { step, adds, refused: true, size: null, message: verdict.message };
        });
        const suppressed = steps.filter((s) => s.refused || s.size?.suppressed).length;
        noteForAudit(response, { dataVersion, cellsReturned: steps.length, cellsSuppressed: suppressed });
        response.json({ dataVersion, steps });
      },
    },
    {
      method: 'post',
      path: '/cohorts',
      readsRows: true,
      role: 'analyst',
      jsonBody: BODY_LIMIT,
      operation: {
        summary: 'Save a cohort definition',
        operationId: 'saveCohort',
        tags,
        requestBody: definitionBody('A cohort definition'),
        description: 'Each user may keep a bounded number of saved cohorts and bytes of definitions (popsight serve --cohort-quota); a save past either answers 409 cohort_quota.',
        responses: { 201: objectResponse('The saved cohort: id, name, description, createdAt'), 400: errorResponse('BadRequest'), 409: errorResponse('Conflict'), 503: errorResponse('Unavailable') },
      },
      handler: async (request, response) => {
        const definition = validateDefinition(cohortDefinitionSchema, request.body);
        await warehouse.use((db) => gate.admit(db, request, { definition, name: definition.name }));
        // Within the caller's quota (409 cohort_quota): the state store stays bounded per user.
        const saved = await store.save(definition, { owner: principalOf(request), quota });
        // Its members and profile counts are computed and kept in the background: the response does not wait.
        preparation.start(saved);
        response.status(201).location(`/api/cohorts/${saved.id}`).json(summary(saved));
      },
    },
    {
      method: 'get',
      path: '/cohorts',
      role: 'analyst',
      operation: {
        summary: 'Saved cohorts',
        operationId: 'listCohorts',
        tags,
        responses: { 200: objectResponse('Id, name, description, creation time of each, and whether its profile is prepared on the data version served (prepared) or being prepared (preparing)') },
      },
      handler: async (_request, response) => {
        const cohorts = await store.list();
        const states = await preparationOf(cohorts);
        response.json({ cohorts: cohorts.map((cohort, i) => ({ ...summary(cohort), ...states[i] })) });
      },
    },
    {
      method: 'get',
      path: '/cohorts/vocabulary',
      role: 'analyst',
      operation: {
        summary: 'What a definition may name: condition groups (with their SNOMED CT codes), encounter classes, sexes, races, ethnicities, payer categories, comparators',
        operationId: 'cohortVocabulary',
        tags,
        responses: { 200: objectResponse('The allow-lists the definition language checks against') },
      },
      handler: (_request, response) => {
        response.json(cohortVocabulary());
      },
    },
    // Before /cohorts/{id}, which would otherwise take 'compare' for an id.
    {
      method: 'get',
      path: '/cohorts/compare',
      readsRows: true,
      role: 'analyst',
      operation: {
        summary: 'Two cohorts side by side: shares and differences with Newcombe (1998) 95% CIs',
        operationId: 'compareCohorts',
        tags,
        parameters: ['a', 'b'].map((name) => ({ name, in: 'query', required: true, description: 'Id of a saved cohort', schema: { type: 'string' } })),
        responses: { 200: objectResponse('Sizes, overlap and one row per characteristic'), 400: errorResponse('BadRequest'), 404: errorResponse('NotFound'), 409: errorResponse('Conflict') },
      },
      handler: async (request, response) => {
        const parsed = compareQuery.safeParse(request.query);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const message = issue.code === 'unrecognized_keys' ? cohortMessages.unknownCompareParameter(issue.keys[0]!) : cohortMessages.compareNeedsTwo;
          throw new DomainError('invalid_parameter', message, { parameter: issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0] });
        }
        const [a, b] = await Promise.all([findCohort(store, parsed.data.a), findCohort(store, parsed.data.b)]);
        const [{ dataVersion }, comparison] = await warehouse.use(async (db) => {
          // One after the other: b is judged against a ledger that already holds a.
          for (const cohort of [a, b]) await gate.admit(db, request, { definition: cohort.definition, name: cohort.name });
          const restriction = restrictionOf(request);
          return Promise.all([warehouseMeta(db), compareCohorts(db, { ...a.definition, restriction }, { ...b.definition, restriction }, { ...counts, members: gate.members })]);
        });
        response.json({
          dataVersion,
          a: { ...summary(a), size: comparison.sizeA },
          b: { ...summary(b), size: comparison.sizeB },
          overlap: comparison.overlap,
          method: NEWCOMBE,
          note: cohortMessages.overlapNote,
          rows: comparison.rows,
        });
      },
    },
    {
      method: 'get',
      path: '/cohorts/{id}',
      role: 'analyst',
      operation: {
        summary: 'A saved cohort with its definition',
        operationId: 'getCohort',
        tags,
        parameters: [idParameter],
        responses: { 200: objectResponse('The cohort, with prepared and preparing as in the list'), 404: errorResponse('NotFound'), 409: errorResponse('Conflict') },
      },
      handler: async (request, response) => {
        const cohort = await findCohort(store, String(request.params.id));
        const [state] = await preparationOf([cohort]);
        response.json({ ...summary(cohort), ...state, definition: cohort.definition });
      },
    },
    {
      method: 'patch',
      path: '/cohorts/{id}',
      role: 'analyst',
      jsonBody: BODY_LIMIT,
      operation: {
        summary: 'Rename a saved cohort (its name and description; the criteria stay)',
        operationId: 'renameCohort',
        tags,
        parameters: [idParameter],
        requestBody: { required: true, description: '{ name, description? } (description null removes it)', content: { 'application/json': { schema: { type: 'object' } } } },
        responses: { 200: objectResponse('The renamed cohort: id, name, description, createdAt'), 400: errorResponse('BadRequest'), 404: errorResponse('NotFound') },
      },
      handler: async (request, response) => {
        const parsed = renameBody.safeParse(request.body);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const field = issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0] ?? 'name');
          const problem = issue.code === 'unrecognized_keys' ? cohortMessages.unknownKey(field, ['name', 'description']) : field === 'name' ? cohortMessages.expectedName : 'expected a text of at most 2000 characters, or null';
          throw new DomainError('invalid_parameter', cohortMessages.invalidRename(field, problem), { parameter: field });
        }
        const id = String(request.params.id);
        const renamed = await store.rename(id, { name: parsed.data.name, description: parsed.data.description });
        if (!renamed) throw new DomainError('unknown_cohort', cohortMessages.unknownCohort(id), { id });
        response.json(summary(renamed));
      },
    },
    {
      method: 'delete',
      path: '/cohorts/{id}',
      role: 'analyst',
      operation: { summary: 'Delete a saved cohort', operationId: 'deleteCohort', tags, parameters: [idParameter], responses: { 204: { description: 'Deleted' }, 404: errorResponse('NotFound') } },
      handler: async (request, response) => {
        const id = String(request.params.id);
        if (!(await store.remove(id))) throw new DomainError('unknown_cohort', cohortMessages.unknownCohort(id), { id });
        response.status(204).end();
      },
    },
    {
      method: 'get',
      path: '/cohorts/{id}/characterization',
      readsRows: true,
      role: 'analyst',
      operation: {
        summary: 'Size, age band / sex / race, condition groups, top diagnoses and cost PMPM, after disclosure control',
        operationId: 'characterizeCohort',
        tags,
        parameters: [idParameter],
        responses: { 200: objectResponse('The characterization'), 404: errorResponse('NotFound'), 409: errorResponse('Conflict') },
      },
      handler: async (request, response) => {
        const cohort = await findCohort(store, String(request.params.id));
        const [{ dataVersion }, characterization] = await warehouse.use(async (db) => {
          await gate.admit(db, request, { definition: cohort.definition, name: cohort.name });
          return Promise.all([warehouseMeta(db), characterizeCohort(db, { ...cohort.definition, restriction: restrictionOf(request) }, { ...counts, members: gate.members })]);
        });
        response.json({ ...summary(cohort), dataVersion, ...characterization });
      },
    },
  ];
}
