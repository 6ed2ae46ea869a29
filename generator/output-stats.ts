// Running totals over all written people for the shared tables Synthea writes at the end of a
// run: payer amounts and counts, member-months and customers; organization utilization and
// revenue; clinician encounter and procedure counts.
import { SECONDS_PER_DAY } from './calendar.ts';
import type { PersonRecord } from './person-record.ts';

const MONTH = 30.436875 * SECONDS_PER_DAY;

export interface PayerTotals {
  amountCovered: number;
  amountUncovered: number;
  coveredEncounters: number;
  uncoveredEncounters: number;
  coveredMedications: number;
  uncoveredMedications: number;
  coveredProcedures: number;
  uncoveredProcedures: number;
  coveredImmunizations: number;
  uncoveredImmunizations: number;
  customers: number;
  memberMonths: number;
}

export class OutputStats {
  readonly payers: PayerTotals[];
  readonly orgEncounters: Float64Array;
  readonly orgRevenue: Float64Array;
  readonly clinicianEncounters: Float64Array;
  readonly clinicianProcedures: Float64Array;

  constructor(payerCount: number, orgCount: number, clinicianCount: number) {
    this.payers = Array.from({ length: payerCount }, () => ({
      amountCovered: 0, amountUncovered: 0, coveredEncounters: 0, uncoveredEncounters: 0, coveredMedications: 0,
      uncoveredMedications: 0, coveredProcedures: 0, uncoveredProcedures: 0, coveredImmunizations: 0,
      uncoveredImmunizations: 0, customers: 0, memberMonths: 0,
    }));
    this.orgEncounters = new Float64Array(orgCount);
    this.orgRevenue = new Float64Array(orgCount);
    this.clinicianEncounters = new Float64Array(clinicianCount);
    this.clinicianProcedures = new Float64Array(clinicianCount);
  }

  add(p: PersonRecord): void {
    const seen = new Set<number>();
    for (const c of p.coverage) {
      this.payers[c.payer].memberMonths += (c.end - c.start) / MONTH;
      if (!seen.has(c.payer)) {
        seen.add(c.payer);
        this.payers[c.payer].customers++;
      }
    }
    for (const e of p.encounters) {
      const t = this.payers[e.payer];
      t.amountCovered += e.payerCoverage;
      t.amountUncovered += e.totalCost - e.payerCoverage;
      if (e.payerCoverage > 0) t.coveredEncounters++;
      else t.uncoveredEncounters++;
      this.orgEncounters[e.organization]++;
      this.orgRevenue[e.organization] += e.totalCost;
      this.clinicianEncounters[e.clinician]++;
    }
    for (const m of p.medications) {
      const t = this.payers[m.payer];
      t.amountCovered += m.payerCoverage;
      t.amountUncovered += m.totalCost - m.payerCoverage;
      if (m.payerCoverage > 0) t.coveredMedications++;
      else t.uncoveredMedications++;
    }
    for (const x of p.procedures) {
      const t = this.payers[x.encounter.payer];
      if (x.encounter.payerCoverage > 0) t.coveredProcedures++;
      else t.uncoveredProcedures++;
      this.clinicianProcedures[x.encounter.clinician]++;
    }
    for (const x of p.immunizations) {
      const t = this.payers[x.encounter.payer];
      if (x.encounter.payerCoverage > 0) t.coveredImmunizations++;
      else t.uncoveredImmunizations++;
    }
  }
}
