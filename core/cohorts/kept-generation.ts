// One warehouse generation's cohort work as it is kept on disk through a GenerationStore: the person
// index (record keys and who is present, by row number), leaf member sets (bitsets over row numbers)
// and a definition's true counts (JSON, as the profile's queries returned them). Each read checks the
// shape against the generation (row count, word count); anything else reads as absent, so the caller
// computes it afresh: a damaged entry costs time, never a wrong answer.
import type { GenerationStore } from './generation-store.ts';
import { MemberSet } from './member-set.ts';

/** What a kept person index holds (the engine's row-number SQL is the reader's). */
export interface KeptIndex {
  rows: number;
  keys: Uint32Array;
  everyone: MemberSet;
}

const INDEX_ENTRY = 'person index';

export class KeptGeneration {
  constructor(
    private readonly store: GenerationStore,
    readonly id: string,
  ) {}

  async index(): Promise<KeptIndex | undefined> {
    const words = await this.#words(INDEX_ENTRY);
    if (!words || words.length < 1) return undefined;
    const rows = words[0]!;
    const wordCount = Math.ceil(rows / 32);
    if (words.length !== 1 + rows + wordCount) return undefined;
    const everyone = MemberSet.ofWords(rows, words.slice(1 + rows));
    return everyone && { rows, keys: words.slice(1, 1 + rows), everyone };
  }

  writeIndex({ rows, keys, everyone }: KeptIndex): Promise<void> {
    const words = new Uint32Array(1 + rows + everyone.words.length);
    words[0] = rows;
    words.set(keys, 1);
    words.set(everyone.words, 1 + rows);
    return this.#write(INDEX_ENTRY, words);
  }

  /** The set kept under `entry` (a leaf's SQL and values), if it spans `rows` row numbers. */
  async memberSet(entry: string, rows: number): Promise<MemberSet | undefined> {
    const words = await this.#words(setEntry(entry));
    return words && MemberSet.ofWords(rows, words);
  }

  writeMemberSet(entry: string, members: MemberSet): Promise<void> {
    return this.#write(setEntry(entry), members.words);
  }

  /** The true counts kept for a definition, by what was counted. */
  async counts(definition: string): Promise<Record<string, unknown> | undefined> {
    const bytes = await this.store.read(this.id, countsEntry(definition));
    if (!bytes) return undefined;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  writeCounts(definition: string, counts: Record<string, unknown>): Promise<void> {
    return this.store.write(this.id, countsEntry(definition), Buffer.from(JSON.stringify(counts), 'utf8'));
  }

  async #words(entry: string): Promise<Uint32Array | undefined> {
    const bytes = await this.store.read(this.id, entry);
    if (!bytes || bytes.byteLength % 4 !== 0) return undefined;
    // A copy, aligned and little-endian as written (Uint32Array is the platform's order: the same machine's files).
    const words = new Uint32Array(bytes.byteLength / 4);
    new Uint8Array(words.buffer).set(bytes);
    return words;
  }

  #write(entry: string, words: Uint32Array): Promise<void> {
    return this.store.write(this.id, entry, new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
  }
}

const setEntry = (leaf: string) => `set ${leaf}`;
const countsEntry = (definition: string) => `counts ${definition}`;
