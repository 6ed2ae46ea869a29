// Finds the CSV file of each OMOP table in a folder, whatever the letter case: exports from
// SQL Server or Oracle write `PERSON.csv`, from PostgreSQL or the OHDSI tools often `person.csv`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface OmopFolder {
  /** The path of `<table>.csv` in the folder, or undefined when there is none. */
  pathOf(table: string): string | undefined;
}

export function openOmopFolder(dir: string): OmopFolder {
  const byLowerName = new Map<string, string>();
  for (const name of listFiles(dir)) {
    const key = name.toLowerCase();
    // Two files differing only in case (possible on Linux) would be ambiguous; keep the first sorted one.
    if (!byLowerName.has(key)) byLowerName.set(key, name);
  }
  return {
    pathOf(table) {
      const name = byLowerName.get(`${table.toLowerCase()}.csv`);
      return name === undefined ? undefined : join(dir, name);
    },
  };
}

/** An OMOP CDM CSV folder has PERSON.csv and at least one of VISIT_OCCURRENCE.csv, CONDITION_OCCURRENCE.csv. */
export function looksLikeOmop(dir: string): boolean {
  const folder = openOmopFolder(dir);
  return folder.pathOf('person') !== undefined
    && (folder.pathOf('visit_occurrence') !== undefined || folder.pathOf('condition_occurrence') !== undefined);
}

function listFiles(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) return [];
    return readdirSync(dir).sort();
  } catch {
    return []; // a path that does not exist is simply not an OMOP folder
  }
}
