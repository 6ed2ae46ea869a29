// Writes the shared tables Synthea emits once per run, after all patients: payers (with their
// amounts, counts, customers and member-months), and the organizations and clinicians that saw
// at least one patient, as Synthea does.
import { csvField } from './csv-field.ts';
import type { Facilities } from './facilities.ts';
import type { OutputStats } from './output-stats.ts';
import { PAYERS } from './payers.ts';
import type { SyntheaCsvWriter } from './write-synthea-csv.ts';

const money = (x: number): string => x.toFixed(2);

export function writeWorldTables(w: SyntheaCsvWriter, facilities: Facilities, stats: OutputStats): void {
  PAYERS.forEach((p, i) => {
    const t = stats.payers[i];
    w.sink('payers').line(
      [
        p.id, csvField(p.name), p.ownership, csvField(p.address), csvField(p.city), p.state, p.zip, p.phone,
        money(t.amountCovered), money(t.amountUncovered), money(p.monthlyPremium * t.memberMonths),
        t.coveredEncounters, t.uncoveredEncounters, t.coveredMedications, t.uncoveredMedications,
        t.coveredProcedures, t.uncoveredProcedures, t.coveredImmunizations, t.uncoveredImmunizations,
        // Quality of life is not simulated; Synthea writes NaN where it has no value either.
        t.customers, 'NaN', Math.round(t.memberMonths),
      ].join(','),
    );
  });
  facilities.organizations.forEach((o, i) => {
    if (stats.orgEncounters[i] === 0) return;
    w.sink('organizations').line(
      [o.id, csvField(o.name), csvField(o.address), csvField(o.city), 'MA', o.zip, o.lat, o.lon, o.phone, money(stats.orgRevenue[i]), stats.orgEncounters[i]].join(','),
    );
  });
  facilities.clinicians.forEach((c, i) => {
    const o = facilities.organizations[c.organization];
    if (stats.orgEncounters[c.organization] === 0) return;
    w.sink('providers').line(
      [c.id, o.id, csvField(c.name), c.gender, c.speciality, csvField(o.address), csvField(o.city), 'MA', o.zip, o.lat, o.lon,
        stats.clinicianEncounters[i], stats.clinicianProcedures[i]].join(','),
    );
  });
}
