// Finds the FHIR files of an extract folder and tells which of the two supported layouts it is:
// Bulk Data NDJSON (`<Type>.ndjson`, `<Type>.000.ndjson`, optionally `.gz`) or a folder of Bundles
// (`*.json`, Synthea's one-transaction-Bundle-per-patient output). Never reads a file whole.
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LoadError } from '../../load-errors.ts';

export interface NdjsonFile {
  path: string;
  name: string;
  /** The resource type the file name announces; Bulk Data puts one type in each file. */
  type: string;
}

export interface BundleFile {
  path: string;
  name: string;
  /**
   * What the warehouse records as the file (`_file`). Synthea names a patient's Bundle after the
   * patient (`Given_Family_<id>.json`), so the name itself identifies; the label is the file's
   * position in name order instead (`bundle-00001.json`).
   */
  label: string;
}

export type FhirInput = { layout: 'ndjson'; files: NdjsonFile[] } | { layout: 'bundles'; files: BundleFile[] };

const NDJSON_NAME = /^([A-Z][A-Za-z]+)(?:\.\d+)?\.ndjson(?:\.gz)?$/;
const BUNDLE_NAME = /\.json(?:\.gz)?$/;

export function looksLikeFhir(dir: string): boolean {
  const names = listNames(dir);
  if (names.some((name) => NDJSON_NAME.exec(name)?.[1] === 'Patient')) return true;
  const firstJson = names.find((name) => name.endsWith('.json'));
  return firstJson !== undefined && startsAsBundle(join(dir, firstJson));
}

/** The FHIR files of `dir`; NDJSON wins when a folder has both. Other files (logs, manifests) are left alone. */
export function listFhirFiles(dir: string): FhirInput {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new LoadError(dir, 'not a folder; expected a folder of FHIR NDJSON or Bundle files');
  const names = listNames(dir);
  const ndjson = names.flatMap((name) => {
    const match = NDJSON_NAME.exec(name);
    return match ? [{ path: join(dir, name), name, type: match[1] }] : [];
  });
  if (ndjson.length) return { layout: 'ndjson', files: ndjson };
  const bundles = names.filter((name) => BUNDLE_NAME.test(name));
  if (!bundles.length) {
    throw new LoadError(dir, 'holds no FHIR files; expected Bulk Data NDJSON (Patient.ndjson, Encounter.000.ndjson, ... or .ndjson.gz) or Bundle .json files');
  }
  const width = Math.max(5, String(bundles.length).length);
  return {
    layout: 'bundles',
    files: bundles.map((name, i) => ({ path: join(dir, name), name, label: `bundle-${String(i + 1).padStart(width, '0')}.json` })),
  };
}

function listNames(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

/** Detection only: FHIR JSON writers put `resourceType` first, so the first 64 KiB tell. */
function startsAsBundle(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return /"resourceType"\s*:\s*"Bundle"/.test(buffer.subarray(0, length).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}
