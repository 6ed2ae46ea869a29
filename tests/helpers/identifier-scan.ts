// A `strings`-like scan of files for the identifiers of an extract: every source id (patient,
// encounter, organization, provider, payer), SSN and other identity numbers, name, street address and
// phone number read from the input files, looked for as ASCII/UTF-8, UTF-16LE and UTF-16BE bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { splitCsvLine } from './csv-line.ts';

/** Identifier text → what it is ("patient id", "SSN", ...). */
export type Identifiers = Map<string, string>;

// Columns that identify, by file (lower case). Organization and payer names stay in the warehouse on purpose.
const CSV_COLUMNS: Record<string, Record<string, string>> = {
  'patients.csv': { id: 'patient id', ssn: 'SSN', drivers: 'licence', passport: 'passport', first: 'name', middle: 'name', last: 'name', maiden: 'name', address: 'address' },
  'encounters.csv': { id: 'encounter id' },
  'organizations.csv': { id: 'organization id', address: 'address', phone: 'phone' },
  'providers.csv': { id: 'provider id', name: 'name', address: 'address' },
  'payers.csv': { id: 'payer id', address: 'address', phone: 'phone' },
  'person.csv': { person_source_value: 'patient id' },
  'visit_occurrence.csv': { visit_source_value: 'encounter id' },
  'location.csv': { address_1: 'address', address_2: 'address' },
  'care_site.csv': { care_site_source_value: 'organization id' },
  'provider.csv': { provider_name: 'name', provider_source_value: 'provider id' },
};

/** Shorter values (OMOP's integer ids, "Mr.") are too common as bytes to tell anything. */
const MIN_LENGTH = 6;

export function sourceIdentifiers(...extracts: string[]): Identifiers {
  const found: Identifiers = new Map();
  const add = (value: unknown, kind: string) => {
    if (typeof value !== 'string') return;
    const text = value.trim();
    if (text.length >= MIN_LENGTH && !found.has(text)) found.set(text, kind);
  };
  for (const extract of extracts) {
    for (const file of listFiles(extract)) {
      const name = file.split('/').pop()!.toLowerCase();
      if (name.endsWith('.csv') && CSV_COLUMNS[name]) readCsvColumns(file, CSV_COLUMNS[name], add);
      else if (name.endsWith('.ndjson')) for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) fhirIdentifiers(JSON.parse(line), add);
    }
  }
  return found;
}

function readCsvColumns(file: string, columns: Record<string, string>, add: (value: unknown, kind: string) => void): void {
  const [header, ...rows] = readFileSync(file, 'utf8').split(/\r?\n/);
  const names = splitCsvLine(header!).map((n) => n.toLowerCase());
  const wanted = names.flatMap((n, i) => (columns[n] ? [[i, columns[n]] as const] : []));
  for (const row of rows) {
    if (!row) continue;
    const fields = splitCsvLine(row);
    for (const [i, kind] of wanted) add(fields[i], kind);
  }
}


type Resource = { resourceType?: string; id?: string; identifier?: { value?: string }[]; name?: unknown; address?: { line?: string[] }[] | { line?: string[] }; telecom?: { value?: string }[] };

function fhirIdentifiers(resource: Resource, add: (value: unknown, kind: string) => void): void {
  const kind = { Patient: 'patient id', Encounter: 'encounter id', Organization: 'organization id', Practitioner: 'provider id', PractitionerRole: 'provider id' }[resource.resourceType ?? ''];
  if (!kind) return;
  add(resource.id, kind);
  if (resource.resourceType === 'Patient') for (const id of resource.identifier ?? []) add(id.value, 'SSN');
  const names = Array.isArray(resource.name) ? (resource.name as { given?: string[]; family?: string }[]) : [];
  if (resource.resourceType !== 'Organization') for (const n of names) { add(n.family, 'name'); for (const g of n.given ?? []) add(g, 'name'); }
  const addresses = Array.isArray(resource.address) ? resource.address : resource.address ? [resource.address] : [];
  for (const a of addresses) for (const line of a.line ?? []) add(line, 'address');
  for (const t of resource.telecom ?? []) add(t.value, 'phone');
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : entry.isFile() ? [path] : [];
  });
}

export interface Hit { file: string; identifier: string; kind: string; encoding: string }

/** Every identifier found in the bytes of every file under `dir` (keyed by a 4-byte prefix: one pass per file). */
export function scanFolder(dir: string, identifiers: Identifiers): Hit[] {
  const patterns = new Map<number, { bytes: Buffer; identifier: string; encoding: string }[]>();
  for (const identifier of identifiers.keys()) {
    const utf16le = Buffer.from(identifier, 'utf16le');
    for (const [encoding, bytes] of [['ascii', Buffer.from(identifier, 'utf8')], ['utf-16le', utf16le], ['utf-16be', Buffer.from(utf16le).swap16()]] as const) {
      const key = bytes.readUInt32LE(0);
      if (!patterns.has(key)) patterns.set(key, []);
      patterns.get(key)!.push({ bytes, identifier, encoding });
    }
  }
  const hits: Hit[] = [];
  for (const file of listFiles(dir)) {
    const data = readFileSync(file);
    const seen = new Set<string>();
    for (let i = 0; i + 4 <= data.length; i++) {
      const candidates = patterns.get(data.readUInt32LE(i));
      if (!candidates) continue;
      for (const c of candidates) {
        if (i + c.bytes.length <= data.length && data.compare(c.bytes, 0, c.bytes.length, i, i + c.bytes.length) === 0 && !seen.has(c.identifier + c.encoding)) {
          seen.add(c.identifier + c.encoding);
          hits.push({ file: relative(dir, file), identifier: c.identifier, kind: identifiers.get(c.identifier)!, encoding: c.encoding });
        }
      }
    }
  }
  return hits;
}

/** Hits counted by file and kind, e.g. `{ "w.duckdb: patient id": 68 }`: what a failing test shows. */
export function countHits(hits: Hit[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const h of hits) counts[`${h.file.replace(/\d+/g, '<n>')}: ${h.kind}`] = (counts[`${h.file.replace(/\d+/g, '<n>')}: ${h.kind}`] ?? 0) + 1;
  return counts;
}

/** Identifiers that occur in a text such as a command's output. */
export function identifiersIn(text: string, identifiers: Identifiers): string[] {
  return [...identifiers.keys()].filter((identifier) => text.includes(identifier));
}

export const isPrivate = (path: string) => (statSync(path).mode & 0o077) === 0;
