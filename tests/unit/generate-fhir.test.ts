// The generator's FHIR output (--format fhir): Bulk Data NDJSON that is a pure function of
// (seed, people), one valid resource per line, every reference resolvable.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePopulation, type GenerateSummary } from '../../generator/index.ts';
import { PAYERS } from '../../generator/payers.ts';

const root = mkdtempSync(join(tmpdir(), 'popsight-generate-fhir-'));
const dir = (name: string) => join(root, name);
const read = (name: string, file: string) => readFileSync(join(dir(name), file));

type Resource = { resourceType: string; id: string } & Record<string, any>;
const resources = (name: string, file: string): Resource[] =>
  read(name, file).toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));

const FILES = [
  'Claim', 'Condition', 'Coverage', 'Encounter', 'ExplanationOfBenefit', 'Immunization', 'MedicationRequest',
  'Observation', 'Organization', 'Patient', 'Practitioner', 'Procedure',
].map((t) => `${t}.000.ndjson`);

/** Every `reference` string anywhere in a resource. */
function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) references(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else references(v, out);
    }
  }
  return out;
}

describe('generatePopulation --format fhir', () => {
  let summary: GenerateSummary;

  beforeAll(async () => {
    summary = await generatePopulation({ people: 120, seed: 42, outDir: dir('a'), format: 'fhir' });
    await generatePopulation({ people: 120, seed: 42, outDir: dir('b'), format: 'fhir' });
    await generatePopulation({ people: 120, seed: 43, outDir: dir('c'), format: 'fhir' });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes one Bulk Data file per resource type and reports the resources in each', () => {
    expect(readdirSync(dir('a')).sort()).toEqual(FILES);
    for (const f of FILES) expect(summary.files[f], f).toBe(resources('a', f).length);
    expect(summary.files['Patient.000.ndjson']).toBe(120);
    expect(summary.files['Observation.000.ndjson']).toBeGreaterThan(1000);
  });

  it('writes byte-identical files for the same seed and size', () => {
    for (const f of FILES) expect(read('b', f).equals(read('a', f)), f).toBe(true);
  });

  it('writes different people for a different seed', () => {
    for (const f of ['Patient.000.ndjson', 'Encounter.000.ndjson', 'Observation.000.ndjson']) {
      expect(read('c', f).equals(read('a', f)), f).toBe(false);
    }
    const ids = (name: string) => new Set(resources(name, 'Patient.000.ndjson').map((p) => p.id));
    expect([...ids('a')].filter((id) => ids('c').has(id))).toEqual([]);
  });

  it('puts one JSON resource of the file’s type on every line, with a unique FHIR id', () => {
    for (const f of FILES) {
      const type = f.split('.')[0];
      const lines = read('a', f).toString('utf8').split('\n');
      expect(lines.at(-1), `${f} ends with a newline`).toBe('');
      const ids = new Set<string>();
      for (const [i, line] of lines.slice(0, -1).entries()) {
        const r = JSON.parse(line) as Resource; // throws on a line that is not JSON
        expect(r.resourceType, `${f} line ${i + 1}`).toBe(type);
        expect(r.id, `${f} line ${i + 1}`).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
        ids.add(r.id);
      }
      expect(ids.size, `${f}: ids are unique`).toBe(lines.length - 1);
    }
  });

  it('references only resources of the extract, and payers by their payers.csv ids', () => {
    const written = new Set(FILES.flatMap((f) => resources('a', f).map((r) => `${r.resourceType}/${r.id}`)));
    const payers = new Set(PAYERS.map((p) => `Organization/${p.id}`));
    const refs = FILES.flatMap((f) => resources('a', f).flatMap((r) => references(r)));
    expect(refs.length).toBeGreaterThan(2 * written.size);
    expect(refs.filter((ref) => !written.has(ref) && !payers.has(ref))).toEqual([]);
  });

  it('writes a blood-pressure reading as one 85354-9 panel with systolic and diastolic components', () => {
    const panels = resources('a', 'Observation.000.ndjson').filter((o) => o.code.coding[0].code === '85354-9');
    expect(panels.length).toBeGreaterThan(100);
    for (const o of panels) {
      expect(o.valueQuantity).toBeUndefined();
      expect(o.component.map((c: Resource) => [c.code.coding[0].code, c.valueQuantity.unit])).toEqual([['8480-6', 'mm[Hg]'], ['8462-4', 'mm[Hg]']]);
    }
  });

  it('gives Patients fake names, phones, street addresses and SSNs, as Synthea does, for the pipeline to strip', () => {
    for (const p of resources('a', 'Patient.000.ndjson')) {
      expect(p.name[0].family).toMatch(/\d$/);
      expect(p.telecom[0].value).toMatch(/^555-\d{3}-\d{4}$/);
      expect(p.address[0].line[0]).toMatch(/^\d+ /);
      expect(p.identifier.find((i: Resource) => i.system === 'http://hl7.org/fhir/sid/us-ssn').value).toMatch(/^999-\d{2}-\d{4}$/);
      const race = p.extension.find((e: Resource) => e.url.endsWith('us-core-race'));
      expect(race.extension.at(-1)).toEqual({ url: 'text', valueString: expect.any(String) });
    }
  });
});
