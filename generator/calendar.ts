// Time arithmetic for the simulation. Days are integers counted from 1970-01-01 (negative
// before), timestamps are whole seconds since the epoch, everything is UTC. Formatting goes
// through lookup tables because the writer formats hundreds of millions of dates for a
// million people, and Date#toISOString is the hot spot otherwise.

export const SECONDS_PER_DAY = 86_400;
export const DAYS_PER_YEAR = 365.2425;

const FIRST_YEAR = 1880;
const LAST_YEAR = 2100;

/** Days from 1970-01-01 to year-month-day (proleptic Gregorian; Hinnant's days_from_civil). */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const DAY_MIN = dayFromCivil(FIRST_YEAR, 1, 1);
const DAY_MAX = dayFromCivil(LAST_YEAR, 12, 31);
const DATE_TEXT: string[] = new Array(DAY_MAX - DAY_MIN + 1);
const YEAR_OF: Int16Array = new Int16Array(DAY_MAX - DAY_MIN + 1);
(() => {
  let i = 0;
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    for (let m = 1; m <= 12; m++) {
      const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const prefix = `${y}-${m < 10 ? '0' : ''}${m}-`;
      for (let d = 1; d <= days; d++, i++) {
        DATE_TEXT[i] = prefix + (d < 10 ? '0' : '') + d;
        YEAR_OF[i] = y;
      }
    }
  }
})();

const TIME_TEXT: string[] = new Array(SECONDS_PER_DAY);
for (let s = 0; s < SECONDS_PER_DAY; s++) {
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  const sec = s % 60;
  TIME_TEXT[s] = `T${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${sec < 10 ? '0' : ''}${sec}Z`;
}

function checkDay(day: number): number {
  if (day < DAY_MIN || day > DAY_MAX) throw new RangeError(`day ${day} outside ${FIRST_YEAR}-${LAST_YEAR}`);
  return day - DAY_MIN;
}

/** 'YYYY-MM-DD' (Synthea's dateFromTimestamp). */
export function formatDate(day: number): string {
  return DATE_TEXT[checkDay(day)];
}

/** 'YYYY-MM-DDThh:mm:ssZ' (Synthea's iso8601Timestamp). */
export function formatTimestamp(ts: number): string {
  const day = Math.floor(ts / SECONDS_PER_DAY);
  return DATE_TEXT[checkDay(day)] + TIME_TEXT[ts - day * SECONDS_PER_DAY];
}

export function yearOfDay(day: number): number {
  return YEAR_OF[checkDay(day)];
}

export function dayOfTs(ts: number): number {
  return Math.floor(ts / SECONDS_PER_DAY);
}

/** Parses 'YYYY-MM-DD' into a day number; throws on anything else. */
export function parseDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`expected a date as YYYY-MM-DD, got "${text}"`);
  const day = dayFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  if (formatDate(day) !== text) throw new Error(`not a calendar date: "${text}"`);
  return day;
}

/** Whole years between two days (age on `day` of someone born on `birthDay`). */
export function ageOn(birthDay: number, day: number): number {
  return Math.floor((day - birthDay) / DAYS_PER_YEAR);
}

/** The same calendar date `years` later (Feb 29 becomes Mar 1 in common years). */
export function addYears(day: number, years: number): number {
  const text = formatDate(day);
  const y = Number(text.slice(0, 4)) + years;
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  return dayFromCivil(y, m, d);
}
