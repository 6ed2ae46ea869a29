// Collects one person's care into a PersonRecord: opens encounters at a facility with a
// clinician and the payer covering that moment, hangs conditions, observations, procedures,
// medications and immunizations on them, and prices everything at the end. Cost = list price
// x the payer's price factor; the payer pays its covered share, the patient the rest.
import { SECONDS_PER_DAY } from './calendar.ts';
import type { Coded, ObservationKind, Priced } from './clinical-codes.ts';
import { payerAt } from './coverage.ts';
import { staffKey, type Facilities, type Speciality } from './facilities.ts';
import { randomUuid } from './ids.ts';
import { coveredShare, PAYERS } from './payers.ts';
import type {
  ConditionRecord,
  CoveragePeriod,
  EncounterClass,
  EncounterRecord,
  ImmunizationRecord,
  MedicationRecord,
  ObservationRecord,
  ProcedureRecord,
} from './person-record.ts';
import type { Prng } from './prng.ts';

const AVERAGE_MONTH = 30.436875 * SECONDS_PER_DAY;

/**
 * Every list price (visits, procedures, vaccines) times this: calibrated so that encounter cost per
 * member-year lands near US per-capita spending on hospital care and physician and clinical services
 * (CMS National Health Expenditure Accounts 2022; generator/README.md).
 */
export const PRICE_LEVEL = 2.2;

/** List price of the visit itself by class (before the payer's factor). */
function basePrice(rng: Prng, cls: EncounterClass, start: number, stop: number): number {
  return PRICE_LEVEL * visitPrice(rng, cls, start, stop);
}

function visitPrice(rng: Prng, cls: EncounterClass, start: number, stop: number): number {
  switch (cls) {
    case 'wellness': return 136.8;
    case 'ambulatory': return 85 + rng.int(60);
    case 'urgentcare': return 185;
    case 'outpatient': return 150 + rng.int(120);
    case 'emergency': return 950 + rng.int(600);
    case 'inpatient': return 4000 + 2600 * Math.max(1, Math.round((stop - start) / SECONDS_PER_DAY));
  }
}

export class CareBuilder {
  readonly encounters: EncounterRecord[] = [];
  readonly conditions: ConditionRecord[] = [];
  readonly observations: ObservationRecord[] = [];
  readonly procedures: ProcedureRecord[] = [];
  readonly medications: MedicationRecord[] = [];
  readonly immunizations: ImmunizationRecord[] = [];
  private readonly procedureCost = new Map<EncounterRecord, number>();
  /** Start second, class and code of each visit so far. */
  private readonly visitKeys = new Set<string>();

  constructor(
    private readonly rng: Prng,
    private readonly facilities: Facilities,
    private readonly coverage: readonly CoveragePeriod[],
    /** the person's usual hospital and primary care clinician */
    private readonly home: { organization: number; pcp: number; county: string },
    /** nothing may happen after this moment (death or the end of the window) */
    readonly lastTime: number,
  ) {}

  encounter(cls: EncounterClass, type: Coded, requestedStart: number, duration: number, reason: Coded | null, speciality?: Speciality): EncounterRecord {
    const start = this.unrepeatedStart(cls, type, requestedStart);
    const stop = Math.min(start + duration, this.lastTime);
    const organization = cls === 'emergency' || cls === 'inpatient' ? this.hospital() : this.home.organization;
    const clinician = speciality === undefined && organization === this.home.organization
      ? this.home.pcp
      : this.pickClinician(organization, speciality ?? (cls === 'emergency' ? 'EMERGENCY MEDICINE' : cls === 'inpatient' ? 'INTERNAL MEDICINE' : 'GENERAL PRACTICE'));
    const payer = payerAt(this.coverage, start);
    const base = basePrice(this.rng, cls, start, stop) * PAYERS[payer].priceFactor;
    const e: EncounterRecord = {
      id: randomUuid(this.rng), cls, type, start, stop, organization, clinician, payer,
      baseCost: base, totalCost: base, payerCoverage: 0, reason,
    };
    this.encounters.push(e);
    return e;
  }

  /**
   * Two visits of one person at the same second with the same class and code read as one visit
   * recorded twice (the load's encounter-duplicate check fails on them): random clock times collide
   * about twice per million people, so a colliding visit starts a minute later (earlier at the end
   * of the record). Draws nothing from the generator's random stream.
   */
  private unrepeatedStart(cls: EncounterClass, type: Coded, start: number): number {
    const key = (at: number) => `${at}|${cls}|${type.code}`;
    const step = start + 60 <= this.lastTime ? 60 : -60;
    let at = start;
    while (this.visitKeys.has(key(at))) at += step;
    this.visitKeys.add(key(at));
    return at;
  }

  condition(encounter: EncounterRecord, code: Coded, group: string | null, startDay: number, stopDay: number | null): void {
    this.conditions.push({ code, group, startDay, stopDay, encounter });
  }

  observation(encounter: EncounterRecord, kind: ObservationKind, value: number): void {
    this.observations.push({ kind, time: encounter.start, value, encounter });
  }

  procedure(encounter: EncounterRecord, proc: Priced, reason: Coded | null, minutes = 15 + this.rng.int(45)): void {
    const start = encounter.start;
    const baseCost = PRICE_LEVEL * proc.cost * PAYERS[encounter.payer].priceFactor;
    this.procedures.push({ proc, start, stop: Math.min(encounter.stop, start + minutes * 60), encounter, baseCost, reason });
    this.addCost(encounter, baseCost);
  }

  immunization(encounter: EncounterRecord, vaccine: Priced): void {
    const baseCost = PRICE_LEVEL * vaccine.cost * PAYERS[encounter.payer].priceFactor;
    this.immunizations.push({ vaccine, time: encounter.start, encounter, baseCost });
    this.addCost(encounter, baseCost);
  }

  private addCost(encounter: EncounterRecord, cost: number): void {
    this.procedureCost.set(encounter, (this.procedureCost.get(encounter) ?? 0) + cost);
  }

  /** A prescription from `encounter`; `stop` null means still taken at the end of the record. */
  medication(encounter: EncounterRecord, med: Priced, stop: number | null, reason: Coded | null): void {
    const start = encounter.start;
    const end = stop ?? this.lastTime;
    const dispenses = Math.max(1, Math.floor((end - start) / AVERAGE_MONTH));
    const payer = PAYERS[encounter.payer];
    const unit = Math.round(med.cost * payer.priceFactor * 100) / 100;
    const totalCost = Math.floor(unit * dispenses * 100 + 1e-6) / 100; // Synthea truncates to cents
    this.medications.push({
      med, start, stop, payer: encounter.payer, encounter, baseCost: unit, dispenses, totalCost,
      payerCoverage: totalCost * payer.coverage, reason,
    });
  }

  /** Prices the encounters and returns the patient's and the payers' totals. */
  finish(): { expenses: number; coverage: number } {
    let expenses = 0;
    let covered = 0;
    for (const e of this.encounters) {
      const payer = PAYERS[e.payer];
      e.totalCost = e.baseCost + (this.procedureCost.get(e) ?? 0);
      e.payerCoverage = e.totalCost * coveredShare(payer, e.cls);
      expenses += e.totalCost - e.payerCoverage;
      covered += e.payerCoverage;
    }
    for (const m of this.medications) {
      expenses += m.totalCost - m.payerCoverage;
      covered += m.payerCoverage;
    }
    this.encounters.sort((a, b) => a.start - b.start);
    return { expenses, coverage: covered };
  }

  /** Emergencies and admissions: mostly the local hospital, some at a referral center. */
  private hospital(): number {
    if (this.rng.chance(0.15)) return this.rng.pick(this.facilities.referralCenters);
    const local = this.facilities.byCounty.get(this.home.county);
    return local ? this.rng.pick(local) : this.home.organization;
  }

  private pickClinician(organization: number, speciality: Speciality): number {
    const list = this.facilities.staff.get(staffKey(organization, speciality));
    if (!list) throw new Error(`no ${speciality} clinician at organization ${organization}`);
    return this.rng.pick(list);
  }
}
