// State of the cohort builder: the drafts, the index date and name, and the live answers for the
// definition they make: its estimated size and attrition (POST /api/cohorts/estimate: rounded, never
// refused, so the states passed through while editing never make the cohort meant refused), and its
// exact size when asked for on purpose (POST /api/cohorts/preview). Asked once the criteria have
// stopped changing for `delayMs`; a change aborts the requests of the definition before, so a stale
// answer never replaces a newer one.
import { isApiError, errorMessage, isAbortError } from '../lib/api.ts';
import { newGroup, toDefinition, type GroupDraft } from './builder-model.ts';
import { estimateCohort, previewCohort, type AttritionStep, type DraftDefinition, type EstimatedSize, type PublishedSize } from './cohort-api.ts';

export type SizeAnswer =
  | { kind: 'idle'; message: string }
  | { kind: 'size'; size: EstimatedSize }
  | { kind: 'refused'; message: string }
  | { kind: 'error'; message: string };

export const REFUSED = 'cohort_too_close';

export class CohortBuilder {
  root = $state<GroupDraft>(newGroup('all'));
  indexDate = $state('');
  name = $state('');
  description = $state('');
  answer = $state.raw<SizeAnswer>({ kind: 'idle', message: 'Add a criterion to see the size of the cohort.' });
  /** The exact (published) size, asked for with count(); cleared when the criteria change. */
  exact = $state.raw<{ kind: 'size'; size: PublishedSize } | { kind: 'refused' | 'error'; message: string } | null>(null);
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
      this.exact = null;
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
      const { size, steps } = await estimateCohort(definition, signal);
      if (signal.aborted) return;
      this.answer = { kind: 'size', size };
      this.steps = steps.map((s) => ({ ...s, refused: false, message: null }));
      this.attritionError = null;
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return;
      this.answer = { kind: 'error', message: errorMessage(error) };
      this.steps = null;
      this.attritionError = null;
    } finally {
      if (!signal.aborted) this.pending = false;
    }
  }

  /** The exact size of the current definition (recorded in the cohort ledger as released: it may be refused). */
  async count(): Promise<void> {
    const { definition } = this.translation;
    if (!definition) return;
    const key = this.key;
    try {
      const { size } = await previewCohort(definition);
      if (this.key === key) this.exact = { kind: 'size', size };
    } catch (error) {
      if (this.key !== key) return;
      this.exact = isApiError(error) && error.code === REFUSED ? { kind: 'refused', message: error.message } : { kind: 'error', message: errorMessage(error) };
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
