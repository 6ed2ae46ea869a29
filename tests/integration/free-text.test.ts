// The free-text rule (pipelines/deidentify/free-text.ts): a name, an SSN and a phone number planted in
// every free-text field of every format, for one record each, reach no column of any warehouse table and
// no cohort characterization.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { characterizeCohort } from '../../core/cohorts/characterize-cohort.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { quoteIdentifier } from '../../core/warehouse/sql.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';
import { splitCsvLine } from '../helpers/csv-line.ts';

const PLANTED = { name: 'Quackenbush', ssn: '987-65-4329', phone: '555-867-5309' };
// Starts with "Aaron" so that, as a condition's description, it sorts before the real one (min() would pick it).
const TEXT = `Aaron ${PLANTED.name} SSN ${PLANTED.ssn} tel ${PLANTED.phone}`;

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
function copyOf(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'popsight-free-text-')), name);
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

// --- CSV (Synthea, OMOP): one line at a time, RFC 4180 quoting, no line breaks inside a field.
const csvLine = (fields: string[]) => fields.map((f) => (/[",]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',');

/** Sets `columns` (and `also`) of the first data row that `pick` accepts; returns the columns planted. */
function plantCsv(dir: string, file: string, columns: (header: string) => boolean, pick: (row: Record<string, string>) => boolean = () => true,
  also: Record<string, string> = {}): string[] {
  const path = join(dir, file);
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = splitCsvLine(lines[0]!.replace(/\r$/, ''));
  const planted = header.filter(columns);
  if (planted.length === 0) return [];
  const index = lines.findIndex((line, i) => i > 0 && line.trim() !== '' && pick(Object.fromEntries(splitCsvLine(line).map((v, j) => [header[j], v]))));
  if (index < 0) throw new Error(`${file}: no row to plant in`);
  const fields = splitCsvLine(lines[index]!.replace(/\r$/, ''));
  header.forEach((h, j) => { if (planted.includes(h)) fields[j] = TEXT; if (h in also) fields[j] = also[h]!; });
  lines[index] = csvLine(fields);
  writeFileSync(path, lines.join('\n'));
  return planted.map((c) => `${file}:${c}`);
}

// --- FHIR: every human-readable element of a resource: coding displays, CodeableConcept and annotation
// texts, the narrative, string values and descriptions.
const FHIR_TEXT_KEYS = new Set(['display', 'text', 'valueString', 'description', 'div']);
function plantResource(node: unknown, where: string, planted: string[]): void {
  if (Array.isArray(node)) node.forEach((item) => plantResource(item, where, planted));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (FHIR_TEXT_KEYS.has(key) && typeof value === 'string') {
        record[key] = key === 'div' ? `<div xmlns="http://www.w3.org/1999/xhtml">${TEXT}</div>` : TEXT;
        planted.push(`${where}.${key}`);
      } else plantResource(value, `${where}.${key}`, planted);
    }
  }
}
// Directory and billing resources name organizations, clinicians and payers, not a patient's record:
// their names are entity names, outside the free-text rule (docs/architecture.md, "Free text").
const ENTITY_RESOURCES = new Set(['Organization', 'Practitioner', 'PractitionerRole', 'Location', 'Coverage', 'Claim', 'ExplanationOfBenefit']);

function plantNdjson(dir: string): string[] {
  const planted: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ndjson') && f !== 'log.ndjson')) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    const resource = JSON.parse(lines[0]!) as { resourceType: string };
    if (ENTITY_RESOURCES.has(resource.resourceType)) continue;
    plantResource(resource, resource.resourceType, planted);
    lines[0] = JSON.stringify(resource);
    writeFileSync(join(dir, file), lines.join('\n'));
  }
  return planted;
}

function plantBundles(dir: string): string[] {
  const planted: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const bundle = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { entry: { resource: { resourceType: string } }[] };
    const seen = new Set<string>();
    for (const { resource } of bundle.entry) {
      if (ENTITY_RESOURCES.has(resource.resourceType) || seen.has(resource.resourceType)) continue;
      seen.add(resource.resourceType);
      plantResource(resource, resource.resourceType, planted);
    }
    writeFileSync(join(dir, file), JSON.stringify(bundle));
  }
  return planted;
}

/**
 * Gives a real disorder (anemia) to 14 of the 27 people, so that the characterization of everyone shows
 * it (11 to size - 11 people); the planted row is one of them.
 */
const SHOWN = { code: '271737000', description: 'Anemia (disorder)' };
function spreadShownCondition(dir: string): void {
  const lines = readFileSync(join(dir, 'conditions.csv'), 'utf8').trim().split('\n');
  const rows = lines.slice(1).map(splitCsvLine);
  const having = new Set(rows.filter((r) => r[4] === SHOWN.code).map((r) => r[2]));
  const start = rows.find((r) => r[4] === SHOWN.code)![0]!;
  const people = readFileSync(join(dir, 'patients.csv'), 'utf8').trim().split('\n').slice(1).map((line) => splitCsvLine(line)[0]!);
  const added = people.filter((id) => !having.has(id)).slice(0, 14 - having.size);
  writeFileSync(join(dir, 'conditions.csv'), `${[...lines, ...added.map((id) => csvLine([start, '', id, '', SHOWN.code, SHOWN.description]))].join('\n')}\n`);
}

const LOCAL_CONCEPT = '2000000001';
function addLocalConcept(dir: string): string[] {
  const path = join(dir, 'CONCEPT.csv');
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, `${text.trimEnd()}\n${csvLine([LOCAL_CONCEPT, TEXT, 'Condition', 'Local', 'Clinical Finding', '', 'LOCAL-1', '2020-01-01', '2099-12-31', ''])}\n`);
  return ['CONCEPT.csv:concept_name (local)'];
}

interface Loaded { warehouse: string; planted: string[] }

async function load(name: string, plant: (dir: string) => string[]): Promise<Loaded> {
  const dir = copyOf(name);
  const planted = plant(dir);
  const out = mkdtempSync(join(tmpdir(), 'popsight-free-text-w-'));
  const warehouse = join(out, 'w.duckdb');
  await loadExtract({ source: dir, warehouse, secretsFile: join(out, 'key') }, quietLoadDeps);
  return { warehouse, planted };
}

/** Every VARCHAR column of every table and view of the warehouse that holds one of the planted strings. */
async function columnsWithPlanted(warehouse: string): Promise<string[]> {
  const db = await openDatabase(warehouse, { readOnly: true });
  try {
    const columns = await db.query<{ s: string; t: string; c: string }>(
      `SELECT table_schema AS s, table_name AS t, column_name AS c FROM information_schema.columns
       WHERE table_catalog = current_database() AND data_type = 'VARCHAR' ORDER BY 1, 2, 3`);
    expect(columns.length).toBeGreaterThan(50);
    const hits: string[] = [];
    for (const { s, t, c } of columns) {
      const column = quoteIdentifier(c);
      const [{ n }] = await db.query<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM ${quoteIdentifier(s)}.${quoteIdentifier(t)} WHERE contains(${column}, $1) OR contains(${column}, $2) OR contains(${column}, $3)`,
        [PLANTED.name, PLANTED.ssn, PLANTED.phone]);
      if (n > 0) hits.push(`${s}.${t}.${c} (${n})`);
    }
    return hits;
  } finally {
    db.close();
  }
}

const containsPlanted = (text: string) => Object.values(PLANTED).some((value) => text.includes(value));

describe('a name, SSN and phone number planted in every free-text field reach no warehouse column', () => {
  const loads: Record<string, Loaded> = {};

  beforeAll(async () => {
    loads.synthea = await load('synthea-nj27-v3.0.0', (dir) => {
      spreadShownCondition(dir);
      const descriptions = (h: string) => h.includes('DESCRIPTION');
      const planted: string[] = [];
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv') && f !== 'conditions.csv')) planted.push(...plantCsv(dir, file, descriptions));
      planted.push(...plantCsv(dir, 'conditions.csv', descriptions, (row) => row.CODE === SHOWN.code));
      planted.push(...plantCsv(dir, 'observations.csv', (h) => h === 'VALUE', (row) => row.TYPE === 'text'));
      return planted;
    });
    loads.fhirNdjson = await load('fhir-smart-bulk-10', plantNdjson);
    loads.fhirBundles = await load('fhir-bundles', plantBundles);
    loads.omop = await load('omop-eunomia-27nj', (dir) => [
      // Free text of a record: the value as a string, the value as the source wrote it (read when
      // neither a number nor an answer concept is given), stop reasons and drug instructions (never read).
      ...plantCsv(dir, 'OBSERVATION.csv', (h) => h === 'value_as_string' || h === 'value_source_value', () => true,
        { value_as_number: '', value_as_concept_id: '0' }),
      ...plantCsv(dir, 'MEASUREMENT.csv', (h) => h === 'value_source_value', () => true, { value_as_number: '', value_as_concept_id: '0' }),
      ...plantCsv(dir, 'DRUG_EXPOSURE.csv', (h) => h === 'sig' || h === 'stop_reason'),
      // CONCEPT.csv is the vocabulary, whose names are reference descriptions, except a site's own
      // concepts (2,000,000,000 and up): one condition is coded with such a concept named by the planted text.
      ...plantCsv(dir, 'CONDITION_OCCURRENCE.csv', (h) => h === 'stop_reason', () => true,
        { condition_concept_id: LOCAL_CONCEPT, condition_source_concept_id: LOCAL_CONCEPT }),
      ...addLocalConcept(dir),
    ]);
  }, 240_000);

  it('plants in every free-text field of each format', () => {
    expect(loads.synthea!.planted).toEqual(expect.arrayContaining([
      'conditions.csv:DESCRIPTION', 'encounters.csv:DESCRIPTION', 'encounters.csv:REASONDESCRIPTION', 'medications.csv:DESCRIPTION',
      'procedures.csv:DESCRIPTION', 'observations.csv:DESCRIPTION', 'observations.csv:VALUE', 'allergies.csv:DESCRIPTION1',
      'careplans.csv:REASONDESCRIPTION', 'imaging_studies.csv:SOP_DESCRIPTION', 'immunizations.csv:DESCRIPTION',
      'devices.csv:DESCRIPTION', 'supplies.csv:DESCRIPTION',
    ]));
    expect(loads.fhirNdjson!.planted).toEqual(expect.arrayContaining([
      'Condition.code.coding.display', 'Condition.code.text', 'Encounter.type.coding.display', 'MedicationRequest.medicationCodeableConcept.text',
      'Procedure.code.coding.display', 'Immunization.vaccineCode.coding.display', 'AllergyIntolerance.code.text',
    ]));
    expect(loads.fhirBundles!.planted).toEqual(expect.arrayContaining(['Observation.code.coding.display', 'Observation.component.code.text', 'Patient.text.div']));
    expect(loads.omop!.planted).toEqual([
      'OBSERVATION.csv:value_as_string', 'OBSERVATION.csv:value_source_value', 'MEASUREMENT.csv:value_source_value',
      'DRUG_EXPOSURE.csv:stop_reason', 'DRUG_EXPOSURE.csv:sig', 'CONDITION_OCCURRENCE.csv:stop_reason', 'CONCEPT.csv:concept_name (local)',
    ]);
  });

  for (const format of ['synthea', 'fhirNdjson', 'fhirBundles', 'omop']) {
    it(`keeps them out of every VARCHAR column (${format})`, async () => {
      expect(await columnsWithPlanted(loads[format]!.warehouse)).toEqual([]);
    });
  }

  it('loads the planted records, replacing their text rather than dropping the record', async () => {
    const described = async (warehouse: string, code: string) => {
      const db = await openDatabase(warehouse, { readOnly: true });
      try {
        return await db.query(`SELECT description, count(*)::INTEGER AS n FROM core.condition WHERE code = $1 GROUP BY 1 ORDER BY 1 NULLS FIRST`, [code]);
      } finally {
        db.close();
      }
    };
    // Anemia has no reference description: the planted record's text becomes NULL; 13 others keep theirs.
    expect(await described(loads.synthea!.warehouse, SHOWN.code)).toEqual([{ description: null, n: 1 }, { description: SHOWN.description, n: 13 }]);
    expect(await described(loads.omop!.warehouse, 'LOCAL-1')).toEqual([{ description: null, n: 1 }]);
  });

  it('keeps them out of the characterization, whose top conditions carry a shared or reference description', async () => {
    const db = await openDatabase(loads.synthea!.warehouse, { readOnly: true });
    try {
      const everyone = await characterizeCohort(db, { criteria: { age: { min: 0 } }, indexDate: '2024-12-31' });
      expect(everyone.topConditions?.length).toBeGreaterThan(0);
      expect(containsPlanted(JSON.stringify(everyone))).toBe(false);
      expect(everyone.topConditions).toContainEqual(expect.objectContaining({ code: SHOWN.code, description: SHOWN.description }));
    } finally {
      db.close();
    }
  });
});
