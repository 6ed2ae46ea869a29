// Writes PersonRecords as Synthea CSV (current layout, see synthea-layout.ts): one line per
// row, built by string concatenation in Synthea's column order and formats (dates as
// YYYY-MM-DD, times as ISO 8601 UTC, money with two decimals). Never simulates anything.
import { join } from 'node:path';
import { formatDate, formatTimestamp } from './calendar.ts';
import { csvField } from './csv-field.ts';
import { LineSink } from './line-sink.ts';
import type { Facilities } from './facilities.ts';
import { PAYERS } from './payers.ts';
import type { PersonRecord } from './person-record.ts';
import { headerLine, SYNTHEA_FILES, type SyntheaFile } from './synthea-layout.ts';

const money = (x: number): string => x.toFixed(2);
const STATE = 'Massachusetts';

export class SyntheaCsvWriter {
  private readonly sinks: Record<SyntheaFile, LineSink>;

  constructor(outDir: string) {
    this.sinks = Object.fromEntries(
      SYNTHEA_FILES.map((f) => [f, new LineSink(join(outDir, `${f}.csv`), headerLine(f))]),
    ) as Record<SyntheaFile, LineSink>;
  }

  sink(file: SyntheaFile): LineSink {
    return this.sinks[file];
  }

  get needsDrain(): boolean {
    return SYNTHEA_FILES.some((f) => this.sinks[f].needsDrain);
  }

  async drain(): Promise<void> {
    for (const f of SYNTHEA_FILES) await this.sinks[f].drain();
  }

  async close(): Promise<Record<string, number>> {
    await Promise.all(SYNTHEA_FILES.map((f) => this.sinks[f].close()));
    return Object.fromEntries(SYNTHEA_FILES.map((f) => [`${f}.csv`, this.sinks[f].lines]));
  }

  writePerson(p: PersonRecord, facilities: Facilities): void {
    const pid = p.id;
    const s = this.sinks;
    const i = p.identity;
    s.patients.line(
      pid + ',' + formatDate(p.birthDay) + ',' + (p.deathDay === null ? '' : formatDate(p.deathDay)) + ',' +
        i.ssn + ',' + i.drivers + ',' + i.passport + ',' + i.prefix + ',' + csvField(i.first) + ',' + csvField(i.middle) + ',' +
        csvField(i.last) + ',' + i.suffix + ',' + csvField(i.maiden) + ',' + i.marital + ',' + p.race + ',' + p.ethnicity + ',' +
        p.sex + ',' + csvField(i.birthplace) + ',' + csvField(i.address) + ',' + csvField(i.city) + ',' + STATE + ',' +
        p.county.name + ',' + p.county.fips + ',' + i.zip + ',' + i.lat + ',' + i.lon + ',' +
        money(p.healthcareExpenses) + ',' + money(p.healthcareCoverage) + ',' + p.income,
    );
    for (const c of p.coverage) {
      s.payer_transitions.line(
        pid + ',' + c.memberId + ',' + formatTimestamp(c.start) + ',' + formatTimestamp(c.end) + ',' + PAYERS[c.payer].id + ',,' +
          c.ownership + ',' + csvField(c.ownerName),
      );
    }
    for (const e of p.encounters) {
      s.encounters.line(
        e.id + ',' + formatTimestamp(e.start) + ',' + formatTimestamp(e.stop) + ',' + pid + ',' +
          facilities.organizations[e.organization].id + ',' + facilities.clinicians[e.clinician].id + ',' + PAYERS[e.payer].id + ',' +
          e.cls + ',' + e.type.code + ',' + e.type.csv + ',' + money(e.baseCost) + ',' + money(e.totalCost) + ',' +
          money(e.payerCoverage) + ',' + (e.reason ? e.reason.code + ',' + e.reason.csv : ','),
      );
    }
    for (const c of p.conditions) {
      s.conditions.line(
        formatDate(c.startDay) + ',' + (c.stopDay === null ? '' : formatDate(c.stopDay)) + ',' + pid + ',' + c.encounter.id + ',' +
          c.code.system + ',' + c.code.code + ',' + c.code.csv,
      );
    }
    for (const o of p.observations) {
      s.observations.line(
        formatTimestamp(o.time) + ',' + pid + ',' + o.encounter.id + ',' + o.kind.category + ',' + o.kind.code + ',' +
          o.kind.csv + ',' + o.value.toFixed(1) + ',' + o.kind.units + ',numeric',
      );
    }
    for (const m of p.medications) {
      s.medications.line(
        formatTimestamp(m.start) + ',' + (m.stop === null ? '' : formatTimestamp(m.stop)) + ',' + pid + ',' + PAYERS[m.payer].id + ',' +
          m.encounter.id + ',' + m.med.code + ',' + m.med.csv + ',' + money(m.baseCost) + ',' + money(m.payerCoverage) + ',' +
          m.dispenses + ',' + money(m.totalCost) + ',' + (m.reason ? m.reason.code + ',' + m.reason.csv : ','),
      );
    }
    for (const x of p.procedures) {
      s.procedures.line(
        formatTimestamp(x.start) + ',' + formatTimestamp(x.stop) + ',' + pid + ',' + x.encounter.id + ',' + x.proc.system + ',' +
          x.proc.code + ',' + x.proc.csv + ',' + money(x.baseCost) + ',' + (x.reason ? x.reason.code + ',' + x.reason.csv : ','),
      );
    }
    for (const x of p.immunizations) {
      s.immunizations.line(
        formatTimestamp(x.time) + ',' + pid + ',' + x.encounter.id + ',' + x.vaccine.code + ',' + x.vaccine.csv + ',' + money(x.baseCost),
      );
    }
  }
}
