// A set of people as a bitset over core.person's row numbers (one bit per person: 125 KB at
// 1,000,000 people), so that a cohort's criteria combine, and two cohorts compare, in memory in a
// few milliseconds instead of one SQL query each. Immutable once built; pure, no I/O.

/** The people of a warehouse generation: which row numbers hold a person, and each person's record key. */
export interface PersonIndex {
  /** Row numbers span 0 … rows − 1. */
  readonly rows: number;
  readonly everyone: MemberSet;
  /** Record key (0 … 2³² − 1) by row number: a count's cell-key noise is drawn from the sum of its people's keys. */
  readonly keys: Uint32Array;
  /**
   * The SQL of the row number of core.person row `alias` in this index, where the engine can address
   * people by row (DuckDB: the rowid the index was read by); absent where people are listed by id.
   */
  readonly rowNumberSql?: (alias: string) => string;
}

export class MemberSet {
  private constructor(readonly words: Uint32Array) {}

  static empty(rows: number): MemberSet {
    return new MemberSet(new Uint32Array(Math.ceil(rows / 32)));
  }

  /** From row numbers, each set once or more. */
  static fromRows(rows: number, rowNumbers: Iterable<number>): MemberSet {
    const words = new Uint32Array(Math.ceil(rows / 32));
    for (const r of rowNumbers) words[r >>> 5] = (words[r >>> 5]! | (1 << (r & 31))) >>> 0;
    return new MemberSet(words);
  }

  /** From its words as `words` returns them (a kept copy); undefined when they do not span `rows` row numbers. */
  static ofWords(rows: number, words: Uint32Array): MemberSet | undefined {
    return words.length === Math.ceil(rows / 32) ? new MemberSet(words) : undefined;
  }

  /** From 32-bit words (word w holds row numbers 32w … 32w + 31, lowest bit first). */
  static fromWords(rows: number, entries: Iterable<{ word: number; bits: number }>): MemberSet {
    const words = new Uint32Array(Math.ceil(rows / 32));
    for (const { word, bits } of entries) words[word] = (words[word]! | bits) >>> 0;
    return new MemberSet(words);
  }

  and(other: MemberSet): MemberSet {
    return this.#combine(other, (a, b) => a & b);
  }

  or(other: MemberSet): MemberSet {
    return this.#combine(other, (a, b) => a | b);
  }

  /** The people of `universe` who are not in this set. */
  complementWithin(universe: MemberSet): MemberSet {
    return this.#combine(universe, (a, b) => ~a & b);
  }

  get size(): number {
    let n = 0;
    for (const word of this.words) n += popcount(word);
    return n;
  }

  /** The members' record keys summed modulo 2³² (as keyResiduesSumSql sums them in SQL). */
  keySum(keys: Uint32Array): number {
    let sum = 0;
    const { words } = this;
    for (let w = 0; w < words.length; w++) {
      let word = words[w]!;
      while (word !== 0) {
        const low = word & -word;
        sum += keys[w * 32 + 31 - Math.clz32(low)]!;
        word = (word ^ low) >>> 0;
      }
      // Kept below 2⁵³: 2²⁰ keys below 2³² each would not be, so reduce once per word.
      sum %= 2 ** 32;
    }
    return sum;
  }

  /** The row numbers of the members, in increasing order. */
  *rows(): Generator<number> {
    const { words } = this;
    for (let w = 0; w < words.length; w++) {
      let word = words[w]!;
      while (word !== 0) {
        const low = word & -word;
        yield w * 32 + 31 - Math.clz32(low);
        word = (word ^ low) >>> 0;
      }
    }
  }

  /**
   * |A Δ B| (people in exactly one of the two sets), or `limit + 1` as soon as it is known to be
   * larger than `limit`: comparing a cohort with a far one stops early.
   */
  symmetricDifference(other: MemberSet, limit = Infinity): number {
    const a = this.words;
    const b = other.words;
    let n = 0;
    for (let w = 0; w < a.length; w++) {
      const x = a[w]! ^ b[w]!;
      if (x === 0) continue;
      n += popcount(x);
      if (n > limit) return limit + 1;
    }
    return n;
  }

  #combine(other: MemberSet, op: (a: number, b: number) => number): MemberSet {
    if (other.words.length !== this.words.length) throw new Error('member sets of different warehouses cannot be combined');
    const out = new Uint32Array(this.words.length);
    for (let w = 0; w < out.length; w++) out[w] = op(this.words[w]!, other.words[w]!) >>> 0;
    return new MemberSet(out);
  }
}

function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
