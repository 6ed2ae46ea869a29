// Utilization: visits and admissions per 1,000 member-years, readmissions, length of stay, mortality.
import type { MeasureDefinition } from '../measure-definition.ts';
import { EVERY_PERIOD } from '../periods.ts';

const memberYears = 'sum(member_months) / 12';
const PER_PERSON_TIME = {
  periods: EVERY_PERIOD,
  periodsReason: 'Events over person-time are per 1,000 person-years whatever the period: a month and a year measure the same rate, the month with fewer events (a wider interval).',
};
/** A share or an average per stay, each stay counted in the period of its discharge. */
const PER_STAY = (what: string) => ({
  periods: EVERY_PERIOD,
  periodsReason: `${what}, each stay counted in the period of its discharge: the period only chooses which stays are counted, not what is measured, so every period holds.`,
});

export const UTILIZATION_MEASURES: MeasureDefinition[] = [
  {
    id: 'ed-visits-per-1000',
    ...PER_PERSON_TIME,
    title: 'ED visits per 1,000',
    description: 'Emergency department visits per 1,000 member-years: visits that started in the period divided by the years of coverage in the period.',
    unit: 'per1000MemberYears',
    direction: 'lower-is-better',
    kind: 'rate',
    numerator: 'sum(ed_visits)',
    denominator: memberYears,
    numeratorPeople: 'count(*) FILTER (WHERE ed_visits > 0)',
    denominatorPeople: 'count(*)',
    source: 'HEDIS Ambulatory Care (AMB), ED visits per 1,000 member months, expressed per member-year; Synthea encounter class "emergency".',
    departures: 'Adapted from NCQA HEDIS MY2024 Ambulatory Care (AMB), ED visits. Differences: (1) per 1,000 member-years, not member months; (2) every encounter of class "emergency" counts, also one followed by an inpatient admission and mental-health or chemical-dependency visits (AMB leaves both out); (3) one count per encounter record, not per visit day.',
  },
  {
    id: 'inpatient-admissions-per-1000',
    ...PER_PERSON_TIME,
    title: 'Inpatient admissions per 1,000',
    description: 'Inpatient admissions per 1,000 member-years: admissions that started in the period over the years of coverage.',
    unit: 'per1000MemberYears',
    direction: 'lower-is-better',
    kind: 'rate',
    numerator: 'sum(inpatient_admits)',
    denominator: memberYears,
    numeratorPeople: 'count(*) FILTER (WHERE inpatient_admits > 0)',
    denominatorPeople: 'count(*)',
    source: 'HEDIS Inpatient Utilization—General Hospital/Acute Care (IPU), discharges per 1,000 member months, per member-year here.',
    departures: 'Adapted from NCQA HEDIS MY2024 Inpatient Utilization—General Hospital/Acute Care (IPU). Differences: (1) admissions are counted in the period they start, not discharges in the period they end; (2) per 1,000 member-years, not member months; (3) every encounter of class "inpatient" counts, with no split into maternity, surgery and medicine and no exclusion of mental-health or chemical-dependency stays.',
  },
  {
    id: 'readmission-30-day',
    ...PER_STAY('A share of index stays, each followed for its own 30 days'),
    title: '30-day all-cause readmission rate',
    description: 'Share of index inpatient discharges in the period followed by an inpatient admission 1–30 days later.',
    unit: 'percent',
    direction: 'lower-is-better',
    kind: 'proportion',
    numerator: 'sum(readmissions_30d)',
    denominator: 'sum(index_discharges)',
    numeratorPeople: 'count(*) FILTER (WHERE readmissions_30d > 0)',
    denominatorPeople: 'count(*) FILTER (WHERE index_discharges > 0)',
    source: 'NCQA HEDIS Plan All-Cause Readmissions (PCR) and CMS Hospital-Wide Readmission measure, without risk adjustment.',
    notes: 'Stays are the person\'s inpatient encounters in order of admission; each is compared with the next admission only. A stay is an index stay unless (1) the next admission starts on its discharge day (a transfer: the later stay carries on), (2) the next admission starts before its discharge day (an overlapping record: the stay is dropped from the index stays, and so is its readmission), or (3) the person died on or before the discharge day. An index stay is readmitted when the next admission starts 1–30 days after its discharge day. Readmissions are counted in the period of the index discharge; a same-day stay is discharged on its admission day.',
    departures: 'Adapted from NCQA HEDIS MY2024 Plan All-Cause Readmissions (PCR). Differences: (1) every age, not 18 and older in age bands; (2) observed rate only, without the risk adjustment (observed-to-expected ratio); (3) planned readmissions are not excluded, nor maternity or other excluded stays; (4) no continuous-enrolment rule around the discharge and no limit to discharges by 1 December; (5) a stay overlapped by a later admission is dropped instead of being merged with it.',
  },
  {
    id: 'average-length-of-stay',
    ...PER_STAY('Days per stay'),
    title: 'Average length of stay',
    description: 'Inpatient days per inpatient stay, for stays discharged in the period (a same-day stay counts as one day).',
    unit: 'days',
    direction: 'lower-is-better',
    kind: 'ratio',
    numeratorValue: 'inpatient_days',
    denominatorValue: 'inpatient_discharges',
    numeratorPeople: 'count(*) FILTER (WHERE inpatient_discharges > 0)',
    denominatorPeople: 'count(*) FILTER (WHERE inpatient_discharges > 0)',
    source: 'AHRQ HCUP definition of length of stay (discharge date minus admission date; same-day stays as 1 day).',
  },
  {
    id: 'mortality-per-1000',
    ...PER_PERSON_TIME,
    title: 'All-cause mortality per 1,000',
    description: 'Deaths per 1,000 person-years among people in coverage during the period.',
    unit: 'per1000PersonYears',
    direction: 'lower-is-better',
    kind: 'rate',
    numerator: 'count(*) FILTER (WHERE died)',
    denominator: memberYears,
    numeratorPeople: 'count(*) FILTER (WHERE died)',
    denominatorPeople: 'count(*)',
    source: 'Crude death rate (NCHS, National Vital Statistics Reports, technical notes), with enrolled person-time as the denominator.',
  },
];
