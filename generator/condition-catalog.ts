// Which SNOMED code a chronic condition is recorded with. The codes are looked up in
// data/reference/condition-groups.csv (the value sets the measures use) and the generator
// refuses to start if one of them is missing there, so what we write is what gets counted.
import { csvField } from './csv-field.ts';
import type { Coded } from './clinical-codes.ts';
import type { Prng } from './prng.ts';
import type { ConditionCode } from './reference-tables.ts';

/** group → [code, relative weight] choices; the special cases are handled in pick(). */
const CODE_CHOICES: Record<string, readonly (readonly [string, number])[]> = {
  hypertension: [['59621000', 1]],
  hyperlipidemia: [['55822004', 0.85], ['302870006', 0.15]],
  diabetes: [['44054006', 0.98], ['46635009', 0.02]],
  asthma: [['195967001', 1]],
  copd: [['185086009', 0.7], ['87433001', 0.3]],
  depression: [['370143000', 0.65], ['36923009', 0.35]],
  osteoarthritis: [['239873007', 0.65], ['239872002', 0.35]],
  ckd: [['431855005', 0.12], ['431856006', 0.25], ['433144002', 0.48], ['431857002', 0.1], ['46177005', 0.05]],
  cad: [['53741008', 0.75], ['414545008', 0.25]],
  atrial_fibrillation: [['49436004', 1]],
  heart_failure: [['88805009', 0.7], ['84114007', 0.3]],
  stroke: [['230690007', 1]],
  obesity: [['162864005', 1], ['408512008', 0]],
};

export const CHILDHOOD_ASTHMA = '233678006';
export const TYPE_1_DIABETES = '46635009';
export const TYPE_2_DIABETES = '44054006';
export const SINGLE_EPISODE_DEPRESSION = '36923009';
export const END_STAGE_RENAL_DISEASE = '46177005';
export const SEVERE_OBESITY = '408512008';
export const OBESITY = '162864005';

export class ConditionCatalog {
  private readonly byCode = new Map<string, Coded & { group: string }>();

  constructor(reference: readonly ConditionCode[]) {
    for (const r of reference) {
      this.byCode.set(r.code, { system: 'SNOMED-CT', code: r.code, display: r.description, csv: csvField(r.description), group: r.group });
    }
    const used = [...Object.values(CODE_CHOICES).flat().map(([c]) => c), CHILDHOOD_ASTHMA];
    for (const c of used) {
      if (!this.byCode.has(c)) throw new Error(`condition-groups.csv lacks SNOMED ${c}, which the generator emits`);
    }
    for (const [group, choices] of Object.entries(CODE_CHOICES)) {
      for (const [c] of choices) {
        if (this.byCode.get(c)?.group !== group) throw new Error(`SNOMED ${c} is not in group ${group} in condition-groups.csv`);
      }
    }
  }

  get(code: string): Coded & { group: string } {
    const c = this.byCode.get(code);
    if (!c) throw new Error(`unknown condition code ${code}`);
    return c;
  }

  /** The code for a new diagnosis of `group` at `onsetAge` years. */
  pick(rng: Prng, group: string, onsetAge: number): Coded & { group: string } {
    if (group === 'diabetes') return this.get(onsetAge < 20 ? TYPE_1_DIABETES : rng.chance(0.98) ? TYPE_2_DIABETES : TYPE_1_DIABETES);
    if (group === 'asthma' && onsetAge < 18) return this.get(CHILDHOOD_ASTHMA);
    const choices = CODE_CHOICES[group];
    if (!choices) throw new Error(`no codes configured for condition group ${group}`);
    let r = rng.next() * choices.reduce((s, [, w]) => s + w, 0);
    for (const [code, w] of choices) {
      if ((r -= w) < 0) return this.get(code);
    }
    return this.get(choices[0][0]);
  }
}
