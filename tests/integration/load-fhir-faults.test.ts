import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../pipelines/load-errors.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { quietLoadDeps as quiet } from '../helpers/test-env.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** A copy of a fixture folder that a test may break. */
function copyOf(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'popsight-fhir-fault-')), name);
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

async function loadError(source: string): Promise<LoadError> {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-fhir-wh-'));
  const error = await loadExtract({ source, warehouse: join(dir, 'warehouse.duckdb'), secretsFile: join(dir, 'key'), format: 'fhir' }, quiet).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoadError);
  return error as LoadError;
}

/** Cuts a file in the middle of line `line` (1-based), as an interrupted download leaves it. */
function truncateInLine(path: string, line: number): void {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const cut = lines.slice(0, line - 1).join('\n').length + 1 + Math.floor(lines[line - 1].length / 2);
  writeFileSync(path, text.slice(0, cut));
}

describe('structural faults in FHIR input stop the load with a message naming the file', () => {
  it('names the file and line where an NDJSON file is truncated', async () => {
    const dir = copyOf('fhir-smart-bulk-10');
    truncateInLine(join(dir, 'Condition.000.ndjson'), 100);
    const error = await loadError(dir);
    expect(error.file).toBe('Condition.000.ndjson');
    expect(error.message).toBe('Condition.000.ndjson: line 100 ends in the middle of a resource: the file looks truncated; expected one FHIR resource per line');
  });

  it('names a truncated gzip file', async () => {
    const dir = copyOf('fhir-smart-bulk-10');
    const gz = gzipSync(readFileSync(join(dir, 'Condition.000.ndjson')));
    writeFileSync(join(dir, 'Condition.000.ndjson.gz'), gz.subarray(0, gz.length / 2));
    rmSync(join(dir, 'Condition.000.ndjson'));
    const error = await loadError(dir);
    expect(error.message).toMatch(/^Condition\.000\.ndjson\.gz: line \d+ could not be decompressed: the gzip file is truncated or corrupt$/);
  });

  it('names the file and line of text that is not UTF-8', async () => {
    const dir = copyOf('fhir-smart-bulk-10');
    const path = join(dir, 'Condition.000.ndjson');
    // Read and written as Latin-1, so every other byte is kept and line 6 gets a lone 0xE9 byte.
    const lines = readFileSync(path).toString('latin1').split('\n');
    lines[5] = lines[5].replace(/"id":"[^"]+"/, '"id":"caf\u00e9"');
    writeFileSync(path, Buffer.from(lines.join('\n'), 'latin1'));
    expect((await loadError(dir)).message).toBe('Condition.000.ndjson: line 6 is not UTF-8 text; FHIR NDJSON must be UTF-8');
  });

  it('names the line that holds a resource of another type than its Bulk Data file', async () => {
    const dir = copyOf('fhir-smart-bulk-10');
    const immunization = readFileSync(join(dir, 'Immunization.000.ndjson'), 'utf8').split('\n')[0];
    writeFileSync(join(dir, 'Condition.000.ndjson'), `${readFileSync(join(dir, 'Condition.000.ndjson'), 'utf8')}${immunization}\n`);
    expect((await loadError(dir)).message).toBe(
      'Condition.000.ndjson: line 556 holds a resource of type Immunization; a Bulk Data file holds only the resource type its name says (Condition)',
    );
  });

  it('names a truncated Bundle file and the line where it ends', async () => {
    const dir = copyOf('fhir-bundles');
    const name = readdirSync(dir).find((f) => f.startsWith('Ada552'))!;
    const text = readFileSync(join(dir, name), 'utf8');
    writeFileSync(join(dir, name), text.slice(0, 3000));
    const lines = text.slice(0, 3000).split('\n').length;
    const error = await loadError(dir);
    // Named by its position in name order, not by its name, which is the patient's (Ada552_Lovelace891_<id>.json).
    expect(error.file).toBe('bundle-00001.json');
    expect(error.message).toBe(`bundle-00001.json: is not valid JSON at line ${lines} (byte 3001): unexpected end of data; expected FHIR JSON in UTF-8`);
    expect(error.message).not.toContain('Lovelace');
  });

  it('rejects a .json file that is not a Bundle', async () => {
    const dir = copyOf('fhir-bundles');
    writeFileSync(join(dir, 'zz-patient.json'), JSON.stringify({ resourceType: 'Patient', id: 'x' }));
    expect((await loadError(dir)).message).toBe("bundle-00005.json: is not a FHIR Bundle (resourceType 'Patient'); a folder of .json files must hold Bundles");
  });

  it('rejects an empty folder and an extract without Patient resources', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'popsight-fhir-empty-'));
    expect((await loadError(empty)).message).toMatch(/holds no FHIR files; expected Bulk Data NDJSON/);

    const noPatientFile = copyOf('fhir-smart-bulk-10');
    rmSync(join(noPatientFile, 'Patient.000.ndjson'));
    expect((await loadError(noPatientFile)).message).toMatch(/holds no Patient NDJSON file .*; expected Patient\.ndjson or Patient\.000\.ndjson$/);

    const emptyPatientFile = copyOf('fhir-smart-bulk-10');
    writeFileSync(join(emptyPatientFile, 'Patient.000.ndjson'), '');
    expect((await loadError(emptyPatientFile)).message).toMatch(/holds no Patient resources/);

    const onlyHospitals = join(mkdtempSync(join(tmpdir(), 'popsight-fhir-orgs-')), 'bundles');
    mkdirSync(onlyHospitals);
    cpSync(join(fixture('fhir-bundles'), 'hospitalInformation1700000000000.json'), join(onlyHospitals, 'hospitalInformation1700000000000.json'));
    expect((await loadError(onlyHospitals)).message).toMatch(/holds no Patient resources/);
  });
});
