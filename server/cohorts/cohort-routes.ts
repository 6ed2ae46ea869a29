// Saved cohorts: define, list, delete, preview, characterize and compare. Definitions are checked
// by the zod schema (400 naming the field); every count in a response has passed disclosure control.
import express, { Router, type ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { characterizeCohort, cohortSize } from '../../core/cohorts/characterize-cohort.ts';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';
import { cohortDefinitionSchema, previewDefinitionSchema } from '../../core/cohorts/cohort-schema.ts';
import type { CohortStore, SavedCohort } from '../state/cohort-store.ts';
import { compareCohorts } from '../../core/cohorts/compare-cohorts.ts';
import { findCohort } from '../../core/cohorts/find-cohort.ts';
import { validateDefinition } from '../../core/cohorts/validate-definition.ts';
import { HttpError } from '../http/errors.ts';
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import { warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';

const NEWCOMBE = 'Newcombe (1998) hybrid score interval (method 10), Stat Med 17:873–890, from Wilson intervals of each share';

const compareQuery = z.object({ a: z.string().min(1), b: z.string().min(1) }).strict();

export function cohortRoutes(warehouse: LiveWarehouse, store: CohortStore): Router {
  const router = Router();
  const json = express.json({ limit: '256kb' });
  const summary = ({ id, name, createdAt, definition }: SavedCohort) => ({ id, name, description: definition.description ?? null, createdAt });

  router.post('/cohorts/preview', json, async (request, response) => {
    const definition = validateDefinition(previewDefinitionSchema, request.body);
    response.json(
      await warehouse.use(async (db) => {
        const [{ dataVersion }, size] = await Promise.all([warehouseMeta(db), cohortSize(db, definition)]);
        return { dataVersion, size };
      }),
    );
  });

  router.post('/cohorts', json, async (request, response) => {
    const saved = await store.save(validateDefinition(cohortDefinitionSchema, request.body));
    response.status(201).location(`/api/cohorts/${saved.id}`).json(summary(saved));
  });

  router.get('/cohorts', async (_request, response) => {
    response.json({ cohorts: (await store.list()).map(summary) });
  });

  // Before /cohorts/:id, which would otherwise take 'compare' for an id.
  router.get('/cohorts/compare', async (request, response) => {
    const parsed = compareQuery.safeParse(request.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const message = issue.code === 'unrecognized_keys' ? cohortMessages.unknownCompareParameter(issue.keys[0]!) : cohortMessages.compareNeedsTwo;
      throw new HttpError(400, 'invalid_parameter', message, { parameter: issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0] });
    }
    const [a, b] = await Promise.all([findCohort(store, parsed.data.a), findCohort(store, parsed.data.b)]);
    response.json(
      await warehouse.use(async (db) => {
        const [{ dataVersion }, comparison] = await Promise.all([warehouseMeta(db), compareCohorts(db, a.definition, b.definition)]);
        return {
          dataVersion,
          a: { ...summary(a), size: comparison.sizeA },
          b: { ...summary(b), size: comparison.sizeB },
          overlap: comparison.overlap,
          method: NEWCOMBE,
          note: cohortMessages.overlapNote,
          rows: comparison.rows,
        };
      }),
    );
  });

  router.get('/cohorts/:id', async (request, response) => {
    const cohort = await findCohort(store, request.params.id);
    response.json({ ...summary(cohort), definition: cohort.definition });
  });

  router.delete('/cohorts/:id', async (request, response) => {
    if (!(await store.remove(request.params.id))) {
      throw new HttpError(404, 'unknown_cohort', cohortMessages.unknownCohort(request.params.id), { id: request.params.id });
    }
    response.status(204).end();
  });

  router.get('/cohorts/:id/characterization', async (request, response) => {
    const cohort = await findCohort(store, request.params.id);
    response.json(
      await warehouse.use(async (db) => {
        const [{ dataVersion }, characterization] = await Promise.all([warehouseMeta(db), characterizeCohort(db, cohort.definition)]);
        return { ...summary(cohort), dataVersion, ...characterization };
      }),
    );
  });

  router.use(bodyErrors);
  return router;
}

/** express.json() failures (bad JSON, too large) become API errors instead of 500s. */
const bodyErrors: ErrorRequestHandler = (error, _request, _response, next) => {
  const status = (error as { status?: number; type?: string }).status;
  const type = (error as { type?: string }).type;
  if (typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500) {
    next(new HttpError(status, type === 'entity.parse.failed' ? 'invalid_json' : 'invalid_body', type === 'entity.parse.failed' ? cohortMessages.invalidJson : String((error as Error).message), undefined, { cause: error }));
    return;
  }
  next(error);
};
