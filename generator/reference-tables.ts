// Reads the shipped reference files the generator depends on: the Massachusetts county table
// (who lives where) and the condition value sets (which SNOMED codes the chronic conditions
// must carry, so that the measures find exactly what the generator wrote).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitPlainCsvLine } from './csv-field.ts';

const referenceFile = (name: string): string =>
  fileURLToPath(new URL(`../data/reference/${name}`, import.meta.url));

export interface County {
  fips: string;
  name: string;
  population: number;
  medianIncome: number;
  lat: number;
  lon: number;
  zips: { zip: string; city: string }[];
}

export interface ConditionCode {
  group: string;
  system: string;
  code: string;
  description: string;
}

function readRows(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(referenceFile(name), 'utf8').trim().split(/\r?\n/);
  const columns = splitPlainCsvLine(header);
  return lines.map((line, i) => {
    const cells = splitPlainCsvLine(line);
    if (cells.length !== columns.length) {
      throw new Error(`${name} line ${i + 2}: ${cells.length} fields, expected ${columns.length}`);
    }
    return Object.fromEntries(columns.map((c, j) => [c, cells[j]]));
  });
}

export function loadCounties(): County[] {
  return readRows('ma-counties.csv').map((r) => {
    const zips = r.zip_codes.split(' ');
    const cities = r.zip_cities.split(';');
    if (zips.length !== cities.length) throw new Error(`ma-counties.csv ${r.county}: zip_codes and zip_cities differ in length`);
    return {
      fips: r.fips,
      name: r.county,
      population: Number(r.population_2020),
      medianIncome: Number(r.median_household_income),
      lat: Number(r.centroid_lat),
      lon: Number(r.centroid_lon),
      zips: zips.map((zip, i) => ({ zip, city: cities[i] })),
    };
  });
}

export function loadConditionCodes(): ConditionCode[] {
  return readRows('condition-groups.csv').map((r) => ({
    group: r.group,
    system: r.system,
    code: r.code,
    description: r.description,
  }));
}
