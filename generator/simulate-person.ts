// Simulates one person into an in-memory PersonRecord, independent of any output format.
// Everything is drawn from the person's own PRNG stream (seed, index), so a person is the same
// whatever the population size, and no global state is read or written.
import { dayFromCivil, SECONDS_PER_DAY, yearOfDay } from './calendar.ts';
import { ENCOUNTER_TYPES } from './clinical-codes.ts';
import { CareBuilder } from './care-builder.ts';
import { CareContext } from './care-context.ts';
import { diagnose, planTreatments, recordPrevalent } from './chronic-care.ts';
import type { ConditionCatalog } from './condition-catalog.ts';
import { simulateCoverage } from './coverage.ts';
import type { DemographicSampler } from './demographics.ts';
import { staffKey, type Facilities } from './facilities.ts';
import { simulateHealth } from './health-profile.ts';
import { maybeDieInHospital } from './hospital-care.ts';
import { fakeIdentity } from './identity.ts';
import { randomUuid } from './ids.ts';
import { sampleDeathDay } from './mortality.ts';
import type { EncounterRecord, PersonRecord } from './person-record.ts';
import { streamPrng } from './prng.ts';
import { simulateYear } from './routine-care.ts';

export interface World {
  seed: number;
  windowStart: number;
  windowEnd: number;
  sampler: DemographicSampler;
  catalog: ConditionCatalog;
  facilities: Facilities;
}

export function simulatePerson(world: World, index: number): PersonRecord {
  const rng = streamPrng(world.seed, index);
  const { windowStart, windowEnd } = world;
  const id = randomUuid(rng);
  const demo = world.sampler.sample(rng);

  // 1. Lifetime health, then survival through the window given that health.
  const health = simulateHealth(rng, demo, windowEnd, world.catalog);
  const deathDay = sampleDeathDay(rng, health, demo.birthDay, demo.sex, windowStart, windowEnd);
  const lastDay = deathDay ?? windowEnd;
  const lastTime = deathDay === null ? lastDay * SECONDS_PER_DAY + SECONDS_PER_DAY - 1 : lastDay * SECONDS_PER_DAY + rng.int(SECONDS_PER_DAY);
  health.episodes = health.episodes.filter((e) => e.onsetDay <= lastDay);

  // 2. Identity and insurance.
  const identity = fakeIdentity(rng, demo, lastDay);
  const coverage = simulateCoverage(rng, { ...demo, lastDay, lastTime, identity }, windowStart);

  // 3. Care, year by year, then the diagnoses of new conditions and death in hospital.
  const local = world.facilities.byCounty.get(demo.county.fips) ?? [0];
  const organization = rng.pick(local);
  const pcp = rng.pick(world.facilities.staff.get(staffKey(organization, 'GENERAL PRACTICE')) ?? [0]);
  const care = new CareBuilder(rng, world.facilities, coverage, { organization, pcp, county: demo.county.fips }, lastTime);
  const treatments = planTreatments(rng, health.episodes);
  const ctx = new CareContext(rng, demo, health, coverage, care, windowStart, windowEnd, lastDay, treatments);
  const firstDay = Math.max(windowStart, demo.birthDay);
  for (let year = yearOfDay(firstDay); year <= yearOfDay(lastDay); year++) {
    simulateYear(ctx, Math.max(firstDay, dayFromCivil(year, 1, 1)), Math.min(lastDay, dayFromCivil(year, 12, 31)));
  }
  for (const t of treatments.values()) {
    if (t.episode.onsetDay >= windowStart) diagnose(ctx, t);
  }
  if (deathDay !== null) maybeDieInHospital(ctx, lastTime);

  // 4. Conditions from before the window go on the first visit; someone living with them is
  // seen within the first year, so a visit is added when the simulation produced none.
  if (health.episodes.some((e) => e.onsetDay < windowStart)) {
    let first = care.encounters.reduce<EncounterRecord | null>((a, e) => (a === null || e.start < a.start ? e : a), null);
    if (first === null || first.start > (firstDay + 365) * SECONDS_PER_DAY) {
      const earliest = firstDay * SECONDS_PER_DAY;
      const time = Math.max(earliest, Math.min(ctx.officeTime(firstDay + rng.int(Math.max(1, Math.min(90, lastDay - firstDay)))), lastTime - 60));
      first = care.encounter('ambulatory', ENCOUNTER_TYPES.problem, time, 1200, null);
      ctx.vitals(first, { bp: true, bmi: true });
    }
    recordPrevalent(ctx, first);
  }
  const totals = care.finish();

  return {
    id,
    birthDay: demo.birthDay,
    deathDay,
    sex: demo.sex,
    race: demo.race,
    ethnicity: demo.ethnicity,
    county: demo.county,
    income: demo.income,
    identity,
    coverage,
    encounters: care.encounters,
    conditions: care.conditions,
    observations: care.observations,
    medications: care.medications,
    procedures: care.procedures,
    immunizations: care.immunizations,
    healthcareExpenses: totals.expenses,
    healthcareCoverage: totals.coverage,
  };
}
