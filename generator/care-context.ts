// What the visit simulators need to know about one person at a moment: age, payer, active
// conditions and their treatment, and how to record vital signs and labs at a visit.
import { DAYS_PER_YEAR, SECONDS_PER_DAY, yearOfDay } from './calendar.ts';
import { OBSERVATIONS, type Coded, type MedicationKey } from './clinical-codes.ts';
import type { CareBuilder } from './care-builder.ts';
import { payerAt } from './coverage.ts';
import type { Demographics } from './demographics.ts';
import { activeGroups, bmiAt, type ChronicEpisode, type HealthProfile } from './health-profile.ts';
import { bloodPressure, hba1c, type MeasureContext } from './measurements.ts';
import { PAYERS, type PayerCategory } from './payers.ts';
import type { CoveragePeriod, EncounterRecord } from './person-record.ts';
import type { Prng } from './prng.ts';

export interface Treatment {
  episode: ChronicEpisode;
  meds: MedicationKey[];
}

export class CareContext {
  constructor(
    readonly rng: Prng,
    readonly demo: Demographics,
    readonly health: HealthProfile,
    readonly coverage: readonly CoveragePeriod[],
    readonly care: CareBuilder,
    readonly windowStart: number,
    readonly windowEnd: number,
    /** last day of the record: death or the window end */
    readonly lastDay: number,
    readonly treatments: ReadonlyMap<string, Treatment>,
  ) {}

  age(day: number): number {
    return (day - this.demo.birthDay) / DAYS_PER_YEAR;
  }

  payerCategory(time: number): PayerCategory {
    return PAYERS[payerAt(this.coverage, time)].category;
  }

  active(day: number): Set<string> {
    return activeGroups(this.health, day);
  }

  /** The code the person's condition of this group was recorded with. */
  code(group: string): Coded {
    const t = this.treatments.get(group);
    if (!t) throw new Error(`no episode of ${group}`);
    return t.episode.code;
  }

  treated(group: string): boolean {
    return (this.treatments.get(group)?.meds.length ?? 0) > 0;
  }

  /** A time during office hours on `day`. */
  officeTime(day: number): number {
    return day * SECONDS_PER_DAY + 8 * 3600 + this.rng.int(9 * 3600);
  }

  anyTime(day: number): number {
    return day * SECONDS_PER_DAY + this.rng.int(SECONDS_PER_DAY);
  }

  /** True while the record is open (before death or the end of the window). */
  open(time: number): boolean {
    return time < this.care.lastTime;
  }

  measureContext(day: number, time: number): MeasureContext {
    return {
      age: this.age(day),
      year: yearOfDay(day),
      sex: this.demo.sex,
      race: this.demo.race,
      hispanic: this.demo.ethnicity === 'hispanic',
      countyFips: this.demo.county.fips,
      payer: this.payerCategory(time),
    };
  }

  /** Records the requested measurements at an encounter, with values for that day. */
  vitals(e: EncounterRecord, want: { bp?: boolean; bmi?: boolean; hba1c?: boolean }): void {
    const day = Math.floor(e.start / SECONDS_PER_DAY);
    const c = this.measureContext(day, e.start);
    const active = this.active(day);
    if (want.bmi && c.age >= 2) {
      this.care.observation(e, OBSERVATIONS.bmi, Math.round((bmiAt(this.health, c.age, c.year) + 0.4 * this.rng.normal()) * 10) / 10);
    }
    if (want.bp && c.age >= 3) {
      const [sys, dia] = bloodPressure(this.rng, this.health, c, active.has('hypertension'), this.treated('hypertension'));
      this.care.observation(e, OBSERVATIONS.diastolic, dia);
      this.care.observation(e, OBSERVATIONS.systolic, sys);
    }
    if (want.hba1c) {
      const diabetic = active.has('diabetes');
      const v = hba1c(this.rng, this.health, c, diabetic, diabetic && this.treated('diabetes'));
      this.care.observation(e, OBSERVATIONS.hba1c, Math.round(v * 10) / 10);
    }
  }
}
