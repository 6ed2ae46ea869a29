// The cohort endpoints (/api/cohorts/*) as typed calls. Every size and count comes as the API
// publishes it (perturbed or exact, suppressed as { value: null, suppressed: true }); nothing here
// computes a count of its own.
import type { CohortDefinition, Criterion } from '../../../core/cohorts/cohort-schema.ts';
import type { ComparisonRow } from '../../../core/cohorts/compare-cohorts.ts';
import { requestJson } from '../lib/api.ts';

export type { CohortDefinition, ComparisonRow, Criterion };

export type PublishedSize = { value: number; suppressed: false } | { value: null; suppressed: true; suppressionReason?: string };

/** A definition to preview or take apart; the name may be left out. */
export type DraftDefinition = Omit<CohortDefinition, 'name'> & { name?: string };

export interface AttritionStep {
  step: number;
  adds: Criterion;
  refused: boolean;
  size: PublishedSize | null;
  message: string | null;
}

export interface CohortSummary {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
  /** The list and a cohort's own record: its profile is prepared on the data served (opens at once), or being prepared. */
  prepared?: boolean;
  preparing?: boolean;
}

export interface Vocabulary {
  conditionGroups: { group: string; codes: { code: string; description: string | null }[] }[];
  encounterClasses: string[];
  sexes: string[];
  races: string[];
  ethnicities: string[];
  payerCategories: string[];
  comparators: string[];
}

export type DisclosedRow =
  | { value: string; count: number; share: number | null; suppressed: false }
  | { value: string; count: null; share: null; suppressed: true; suppressionReason: string };

export interface Characterization extends CohortSummary {
  dataVersion: string;
  indexDate: string;
  size: PublishedSize;
  breakdowns: Record<'ageBand' | 'sex' | 'race', DisclosedRow[]> | null;
  conditionGroups: DisclosedRow[] | null;
  topConditions: { system: string; code: string; description: string | null; count: number; share: number | null }[] | null;
  costPmpm: { year: string | null; members: PublishedSize; pmpm: number | null; ciLow: number | null; ciHigh: number | null; suppressionReason?: 'dominance' } | null;
}

export interface Comparison {
  dataVersion: string;
  a: CohortSummary & { size: PublishedSize };
  b: CohortSummary & { size: PublishedSize };
  overlap: PublishedSize;
  method: string;
  note: string;
  rows: ComparisonRow[];
}

const json = async <T>(pending: Promise<T | null>): Promise<T> => (await pending) as T;
const cohortPath = (id: string) => `/api/cohorts/${encodeURIComponent(id)}`;

export const previewCohort = (definition: DraftDefinition, signal?: AbortSignal) =>
  json(requestJson<{ dataVersion: string; size: PublishedSize }>('/api/cohorts/preview', { method: 'POST', body: definition, signal }));

/** The live builder's estimate: sizes rounded (roundedTo says to what), never refused (docs/disclosure.md, design 10). */
export type EstimatedSize = ({ value: number; suppressed: false } | { value: null; suppressed: true; suppressionReason?: string }) & { roundedTo?: number };

export const estimateCohort = (definition: DraftDefinition, signal?: AbortSignal) =>
  json(
    requestJson<{ dataVersion: string; size: EstimatedSize; steps: { step: number; adds: Criterion; size: EstimatedSize }[] }>('/api/cohorts/estimate', {
      method: 'POST',
      body: definition,
      signal,
    }),
  );

export const fetchVocabulary = (signal?: AbortSignal) => json(requestJson<Vocabulary>('/api/cohorts/vocabulary', { method: 'GET', signal }));

export const listCohorts = async (signal?: AbortSignal) => (await json(requestJson<{ cohorts: CohortSummary[] }>('/api/cohorts', { method: 'GET', signal }))).cohorts;

export const saveCohort = (definition: CohortDefinition) => json(requestJson<CohortSummary>('/api/cohorts', { method: 'POST', body: definition }));

export const renameCohort = (id: string, name: string) => json(requestJson<CohortSummary>(cohortPath(id), { method: 'PATCH', body: { name } }));

export const deleteCohort = (id: string) => requestJson<null>(cohortPath(id), { method: 'DELETE' }).then(() => undefined);

export const characterizeCohort = (id: string, signal?: AbortSignal) => json(requestJson<Characterization>(`${cohortPath(id)}/characterization`, { method: 'GET', signal }));

export const compareCohorts = (a: string, b: string, signal?: AbortSignal) =>
  json(requestJson<Comparison>(`/api/cohorts/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`, { method: 'GET', signal }));
