// Finds the FHIR files of an extract folder and tells which of the two supported layouts it is:
// Bulk Data NDJSON (`<Type>.ndjson`, `<Type>.000.ndjson`, optionally `.gz`) or a folder of Bundles
// (`*.json`, Synthea's one-transaction-Bundle-per-patient output). Never reads a file whole.
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
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
  refuseLinks(dir);
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

/** A FHIR file that is a symbolic link (or not a regular file) could point anywhere: refused, never followed. */
function refuseLinks(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() || !(NDJSON_NAME.test(entry.name) || BUNDLE_NAME.test(entry.name))) continue;
    const what = entry.isSymbolicLink() ? 'a symbolic link' : 'not a regular file (a folder, device or pipe)';
    // A Bundle's name is the patient's (Given_Family_<id>.json): named only when it is an NDJSON file.
    if (!NDJSON_NAME.test(entry.name)) throw new LoadError(dir, `holds a .json file that is ${what} (its name is not shown: Synthea names a Bundle after its patient); Popsight reads only regular files`);
    throw new LoadError(entry.name, `is ${what}; Popsight reads only regular files (copy the file itself into the extract folder)`);
  }
}

function listNames(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true })
    // Links are listed so that detection recognises the folder and refuseLinks() names them.
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => entry.name)
    .sort();
}

/** Detection only: FHIR JSON writers put `resourceType` first, so the first 64 KiB tell. */
function startsAsBundle(path: string): boolean {
  if (!lstatSync(path).isFile()) return false; // never follow a link, even to look
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return /"resourceType"\s*:\s*"Bundle"/.test(buffer.subarray(0, length).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}
