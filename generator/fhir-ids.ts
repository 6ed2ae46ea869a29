// Ids for the FHIR resources that have no id in the person record (Condition, Observation,
// MedicationRequest, Procedure, Immunization, Claim, ExplanationOfBenefit). Each is a function of
// the person's id, a resource kind and an ordinal, so the output stays a pure function of the seed;
// no random draw is taken, so the simulated people are the same whatever the format.
// Patients, encounters, coverage, organizations and practitioners keep the ids the CSV gives them.

export const ID_KIND = {
  condition: 1,
  observation: 2,
  medicationRequest: 3,
  procedure: 4,
  immunization: 5,
  encounterClaim: 6,
  explanationOfBenefit: 7,
  pharmacyClaim: 8,
} as const;

export type IdKind = keyof typeof ID_KIND;

/** murmur3's 32-bit finaliser, a bijection on 32-bit integers (as in prng.ts). */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hex8 = (x: number): string => x.toString(16).padStart(8, '0');

/**
 * Derives ids from one person's id. Within a person the first word is a bijection of
 * (kind, ordinal), so two resources of one person never share an id; across people the ids
 * inherit the randomness of the person ids. Version nibble 8 marks them as RFC 9562
 * custom (derived) UUIDs, unlike Synthea-style random ones.
 */
export class DerivedIds {
  private readonly words: number[];

  constructor(personId: string) {
    const hex = personId.replaceAll('-', '');
    if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`expected a UUID as the person id, got "${personId}"`);
    this.words = [0, 8, 16, 24].map((i) => Number.parseInt(hex.slice(i, i + 8), 16));
  }

  id(kind: IdKind, ordinal: number): string {
    if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= 1 << 24) throw new RangeError(`ordinal ${ordinal} out of range`);
    const w = this.words;
    const a = fmix32((w[0] + ((ID_KIND[kind] << 24) | ordinal)) >>> 0);
    const b = fmix32((w[1] ^ a) >>> 0);
    const c = fmix32((w[2] ^ b) >>> 0);
    const d = fmix32((w[3] ^ c) >>> 0);
    const bh = hex8(b);
    const ch = hex8(c);
    // 8-4-4-4-12 with version 8 in the third group and variant 10xx in the fourth.
    return `${hex8(a)}-${bh.slice(0, 4)}-8${bh.slice(5, 8)}-${((Number.parseInt(ch[0], 16) & 3) | 8).toString(16)}${ch.slice(1, 4)}-${ch.slice(4)}${hex8(d)}`;
  }
}
