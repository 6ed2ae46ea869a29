// State of the cohort builder: the drafts, the index date and name, and the live answers for the
// definition they make: its size (POST /api/cohorts/preview) and its attrition (POST
// /api/cohorts/attrition). Asked once the criteria have stopped changing for `delayMs`; a change
// aborts the requests of the definition before, so a stale answer never replaces a newer one.
import { isApiError, errorMessage, isAbortError } from '../lib/api.ts';
import { newGroup, toDefinition, type GroupDraft } from './builder-model.ts';
import { cohortAttrition, previewCohort, type AttritionStep, type DraftDefinition, type PublishedSize } from './cohort-api.ts';

export type SizeAnswer =
  | { kind: 'idle'; message: string }
  | { kind: 'size'; size: PublishedSize }
  | { kind: 'refused'; message: string }
  | { kind: 'error'; message: string };

export const REFUSED = 'cohort_too_close';

export class CohortBuilder {
  root = $state<GroupDraft>(newGroup('all'));
  indexDate = $state('');
  name = $state('');
  description = $state('');
  answer = $state.raw<SizeAnswer>({ kind: 'idle', message: 'Add a criterion to see the size of the cohort.' });
  steps = $state.raw<AttritionStep[] | null>(null);
  attritionError = $state<string | null>(null);
  /** Waiting for the criteria to settle, or for the server. */
  pending = $state(false);
  /** How many previews were sent: the browser test and the bench see the debounce at work. */
  sent = $state(0);

  readonly translation = $derived(toDefinition(this.root, this.indexDate, ''));
  /** What decides the members (criteria and index date, not the name): a change of it asks again. */
  readonly key = $derived(this.translation.definition ? JSON.stringify(this.translation.definition) : null);

  constructor(delayMs = 400) {
    $effect(() => {
      const key = this.key;
      const problem = this.translation.problem;
      if (key === null) {
        this.answer = { kind: 'idle', message: problem ?? '' };
        this.steps = null;
        this.pending = false;
        return;
      }
      const definition = JSON.parse(key) as DraftDefinition;
      const controller = new AbortController();
      this.pending = true;
      const timer = setTimeout(() => void this.#ask(definition, controller.signal), delayMs);
      return () => {
        clearTimeout(timer);
        controller.abort();
      };
    });
  }

  async #ask(definition: DraftDefinition, signal: AbortSignal): Promise<void> {
    this.sent += 1;
    try {
      const { size } = await previewCohort(definition, signal);
      if (signal.aborted) return;
      this.answer = { kind: 'size', size };
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return;
      this.answer = isApiError(error) && error.code === REFUSED ? { kind: 'refused', message: error.message } : { kind: 'error', message: errorMessage(error) };
    }
    try {
      const { steps } = await cohortAttrition(definition, signal);
      if (signal.aborted) return;
      this.steps = steps;
      this.attritionError = null;
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return;
      this.steps = null;
      this.attritionError = errorMessage(error);
    } finally {
      if (!signal.aborted) this.pending = false;
    }
  }

  /** The definition to save under the builder's name; null until the criteria are complete and it has a name. */
  get toSave() {
    const { definition } = this.translation;
    if (!definition || !this.name.trim()) return null;
    return { ...definition, name: this.name.trim(), ...(this.description.trim() ? { description: this.description.trim() } : {}) };
  }

  clear(): void {
    this.root = newGroup('all');
    this.indexDate = '';
    this.name = '';
    this.description = '';
  }
}
