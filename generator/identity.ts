// Fake direct identifiers in Synthea's style: names with digits, SSNs in the never-issued 999
// area, licence and passport numbers, street addresses and coordinates. The de-identification
// stage must remove every one of them; they exist so that it can prove it does.
import { ageOn } from './calendar.ts';
import { randomDigits } from './ids.ts';
import {
  FIRST_NAMES_F,
  FIRST_NAMES_M,
  LAST_NAMES,
  LAST_NAMES_ASIAN,
  LAST_NAMES_HISPANIC,
  OTHER_BIRTHPLACES,
  STREET_SUFFIXES,
} from './name-lists.ts';
import type { Prng } from './prng.ts';
import type { Identity } from './person-record.ts';
import type { Demographics } from './demographics.ts';

const withDigits = (rng: Prng, name: string): string => name + (1 + rng.int(rng.chance(0.5) ? 99 : 999));

export function firstName(rng: Prng, sex: 'F' | 'M'): string {
  return withDigits(rng, rng.pick(sex === 'F' ? FIRST_NAMES_F : FIRST_NAMES_M));
}

export function lastName(rng: Prng, d: Pick<Demographics, 'race' | 'ethnicity'>): string {
  const list = d.ethnicity === 'hispanic' && rng.chance(0.85)
    ? LAST_NAMES_HISPANIC
    : d.race === 'asian' && rng.chance(0.85)
      ? LAST_NAMES_ASIAN
      : LAST_NAMES;
  return withDigits(rng, rng.pick(list));
}

/** `referenceDay` is the last day of the record: marital status and prefix are as of then. */
export function fakeIdentity(rng: Prng, d: Demographics, referenceDay: number): Identity {
  const age = ageOn(d.birthDay, referenceDay);
  const adult = age >= 18;
  const first = firstName(rng, d.sex);
  const last = lastName(rng, d);
  const marital = !adult ? '' : rng.chance(age < 30 ? 0.25 : 0.6) ? 'M' : rng.pick(['S', 'S', 'D', age > 65 ? 'W' : 'S']);
  const zip = rng.pick(d.county.zips);
  const street = rng.pick(LAST_NAMES).replace("'", '');
  const unit = rng.chance(0.3) ? ` ${rng.pick(['Unit', 'Apt', 'Suite'])} ${1 + rng.int(99)}` : '';
  return {
    prefix: !adult ? '' : d.sex === 'M' ? 'Mr.' : marital === 'M' ? 'Mrs.' : 'Ms.',
    first,
    middle: rng.chance(0.6) ? firstName(rng, d.sex) : '',
    last,
    suffix: adult && rng.chance(0.01) ? rng.pick(['Jr.', 'Sr.', 'III']) : '',
    maiden: d.sex === 'F' && marital === 'M' && rng.chance(0.7) ? lastName(rng, d) : '',
    marital,
    ssn: `999-${randomDigits(rng, 2)}-${randomDigits(rng, 4)}`,
    drivers: age >= 16 && rng.chance(0.85) ? `S999${randomDigits(rng, 5)}` : '',
    passport: adult && rng.chance(0.4) ? `X${randomDigits(rng, 8)}X` : '',
    birthplace: rng.chance(0.8) ? `${rng.pick(d.county.zips).city}, Massachusetts, US` : rng.pick(OTHER_BIRTHPLACES),
    address: `${1 + rng.int(999)} ${street} ${rng.pick(STREET_SUFFIXES)}${unit}`,
    city: zip.city,
    zip: zip.zip,
    lat: d.county.lat + 0.08 * rng.normal(),
    lon: d.county.lon + 0.1 * rng.normal(),
  };
}
