// The warehouse facts counted here, independently of the load and the server: distinct people per value
// of each dimension's mart column (each (value, person) pair once, counted in JavaScript), and the
// population with its record keys summed modulo 2³² (docs/disclosure.md: the first 32 bits of
// SHA-256('record-key:' || pseudonym)).
import { createHash } from 'node:crypto';
import type { Database } from '../../core/warehouse/database.ts';
import { DIMENSIONS, DIMENSION_NAMES } from '../../core/measures/dimensions.ts';

export interface DimensionValuePeople { dimension: string; value: string; people: number }

const byKey = (a: DimensionValuePeople, b: DimensionValuePeople) =>
  a.dimension.localeCompare(b.dimension) || a.value.localeCompare(b.value);

export async function independentDimensionValuePeople(db: Database): Promise<DimensionValuePeople[]> {
  const rows: DimensionValuePeople[] = [];
  for (const name of DIMENSION_NAMES) {
    const pairs = await db.query<{ value: string }>(`SELECT DISTINCT ${DIMENSIONS[name]}::VARCHAR AS value, person_id FROM mart.person_year WHERE ${DIMENSIONS[name]} IS NOT NULL`);
    const counts = new Map<string, number>();
    for (const { value } of pairs) counts.set(value, (counts.get(value) ?? 0) + 1);
    for (const [value, people] of counts) rows.push({ dimension: name, value, people });
  }
  return rows.sort(byKey);
}

export async function storedDimensionValuePeople(db: Database): Promise<DimensionValuePeople[]> {
  const rows = await db.query<{ dimension: string; value: string; people: number }>('SELECT dimension, value, people FROM etl.dimension_value_people');
  return rows.map((r) => ({ dimension: r.dimension, value: r.value, people: Number(r.people) })).sort(byKey);
}

export async function independentPopulation(db: Database): Promise<{ people: number; key_sum: number }> {
  const people = await db.query<{ person_id: string }>('SELECT person_id FROM core.person');
  const keySum = people.reduce((sum, { person_id }) => (sum + BigInt(`0x${createHash('sha256').update(`record-key:${person_id}`).digest('hex').slice(0, 8)}`)) % 2n ** 32n, 0n);
  return { people: people.length, key_sum: Number(keySum) };
}
