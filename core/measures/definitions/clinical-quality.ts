// Clinical quality measures in the style of HEDIS: the most recent reading of the period decides,
// and a person with no reading counts as not controlled (HEDIS HBD / CBP do the same).
import type { ProportionMeasure } from '../measure-definition.ts';
import { YEARLY_PERIODS } from '../periods.ts';

// HEDIS measures a measurement year. People with diabetes are tested once or twice a year, so in a
// quarter or a month most have no reading and count as not controlled: on the demo HbA1c control
// reads ~70% per year, ~37% per quarter, ~15% per month. Only years (or years pooled) keep the meaning.
const LAST_READING_OF_THE_YEAR = (reading: string) =>
  `HEDIS looks at the most recent ${reading} of the measurement year (a calendar year), and people are tested about once or twice a year: in a quarter or a month most have no reading and would count as not controlled, so the measure is defined for years only (and for the years pooled: controlled person-years over person-years).`;

// What every HEDIS-style measure here does differently from NCQA's specification (read off the mart:
// age at the period start, a row for any covered day, diagnoses as recorded, readings from any setting).
const HEDIS_COMMON = (ages: string) => [
  `age ${ages} on 1 January of the year (the period's start), not on 31 December`,
  'no continuous-enrolment rule: anyone covered on any day of the year is in the denominator (HEDIS allows one gap of at most 45 days)',
  'no required exclusions (hospice, palliative care, frailty with advanced illness, long-term care, death)',
];
const differences = (items: string[]) => `Differences: ${items.map((item, i) => `(${i + 1}) ${item}`).join('; ')}.`;
const GSD_DEPARTURES = `Adapted from NCQA HEDIS MY2024 Glycemic Status Assessment for Patients With Diabetes (GSD). ${differences([
  ...HEDIS_COMMON('18–75'),
  'diabetes is a diagnosis of the value set active on any day of the year, not the claims and pharmacy rule over the year and the year before',
  'the glycemic status is the HbA1c (LOINC 4548-4) only, not a glucose management indicator (GMI), from any setting, and the last result by time is taken, not the lowest of the last day with a result',
])}`;

const diabetesAdults = 'has_diabetes AND age BETWEEN 18 AND 75';
const hypertensionAdults = 'has_hypertension AND age BETWEEN 18 AND 85';

const proportion = (m: Omit<ProportionMeasure, 'kind' | 'denominator' | 'denominatorPeople' | 'numeratorPeople' | 'unit'>): ProportionMeasure => ({
  ...m,
  kind: 'proportion',
  unit: 'percent',
  denominator: 'count(*)',
  denominatorPeople: 'count(*)',
  numeratorPeople: m.numerator,
});

export const CLINICAL_QUALITY_MEASURES: ProportionMeasure[] = [
  proportion({
    id: 'hba1c-control',
    title: 'HbA1c control (< 8.0%)',
    description: 'People aged 18–75 with diabetes whose most recent HbA1c (LOINC 4548-4) in the period is below 8.0%.',
    direction: 'higher-is-better',
    population: diabetesAdults,
    numerator: 'count(*) FILTER (WHERE last_hba1c < 8.0)',
    source: 'NCQA HEDIS MY2024, Glycemic Status Assessment for Patients With Diabetes (GSD), < 8.0% indicator.',
    notes: 'A person with no HbA1c in the period is counted as not controlled.',
    departures: GSD_DEPARTURES,
    periods: YEARLY_PERIODS,
    periodsReason: LAST_READING_OF_THE_YEAR('HbA1c'),
  }),
  proportion({
    id: 'hba1c-poor-control',
    title: 'HbA1c poor control (> 9.0%)',
    description: 'People aged 18–75 with diabetes whose most recent HbA1c in the period is above 9.0%, or who had no HbA1c test.',
    direction: 'lower-is-better',
    population: diabetesAdults,
    numerator: 'count(*) FILTER (WHERE last_hba1c > 9.0 OR last_hba1c IS NULL)',
    source: 'NCQA HEDIS MY2024, Glycemic Status Assessment for Patients With Diabetes (GSD), > 9.0% indicator (inverted: lower is better).',
    notes: 'A person with no HbA1c in the period counts as poorly controlled, as in HEDIS.',
    departures: GSD_DEPARTURES,
    periods: YEARLY_PERIODS,
    periodsReason: LAST_READING_OF_THE_YEAR('HbA1c'),
  }),
  proportion({
    id: 'blood-pressure-control',
    title: 'Controlling high blood pressure (< 140/90)',
    description: 'People aged 18–85 with hypertension whose most recent systolic (8480-6) is below 140 and diastolic (8462-4) below 90 mm Hg in the period.',
    direction: 'higher-is-better',
    population: hypertensionAdults,
    numerator: 'count(*) FILTER (WHERE last_systolic < 140 AND last_diastolic < 90)',
    source: 'NCQA HEDIS MY2024, Controlling High Blood Pressure (CBP); CMS165.',
    notes: 'The most recent systolic and the most recent diastolic reading of the period are used, each on its own; no reading counts as not controlled.',
    departures: `Adapted from NCQA HEDIS MY2024 Controlling High Blood Pressure (CBP). ${differences([
      ...HEDIS_COMMON('18–85'),
      'hypertension is a diagnosis of the value set active on any day of the year, not two outpatient visits with the diagnosis on different days in the year or the year before',
      'the last systolic and the last diastolic reading of the year are taken each on its own (they may come from different days), not the lowest systolic and the lowest diastolic of the last day with a reading',
      'readings from any setting count, also those of an inpatient stay or an ED visit, and readings taken before the second diagnosis',
    ])}`,
    periods: YEARLY_PERIODS,
    periodsReason: LAST_READING_OF_THE_YEAR('blood pressure reading'),
  }),
  proportion({
    id: 'flu-vaccination',
    title: 'Flu vaccination coverage',
    description: 'Share of people in coverage during the period who received an influenza vaccine (CVX codes in data/reference/flu-vaccine-cvx.csv) in the period.',
    direction: 'higher-is-better',
    numerator: 'count(*) FILTER (WHERE flu_vaccinations > 0)',
    source: 'CDC FluVaxView coverage definition (share vaccinated), applied per calendar period; CVX codes from CDC IIS code sets.',
    notes: 'Counted per calendar year, not per flu season (July–June).',
    periods: YEARLY_PERIODS,
    periodsReason: 'One vaccine per flu season, given mostly from September to December: a month or quarter outside the campaign reads 0% (January–April on the demo), so the measure is defined for calendar years only (each holds one autumn campaign) and for the years pooled.',
  }),
  proportion({
    id: 'wellness-visit-rate',
    title: 'Wellness visit rate',
    description: 'Share of people in coverage during the period with at least one wellness (preventive) visit.',
    direction: 'higher-is-better',
    numerator: 'count(*) FILTER (WHERE wellness_visits > 0)',
    source: 'HEDIS Adults’ Access to Preventive/Ambulatory Health Services (AAP), preventive-visit component; Synthea encounter class "wellness".',
    periods: YEARLY_PERIODS,
    departures: `Adapted from NCQA HEDIS MY2024 Adults' Access to Preventive/Ambulatory Health Services (AAP). ${differences([
      'every age, not adults 20 and older',
      'only preventive (wellness) visits count, not every ambulatory visit, and within the period only (AAP looks back up to three years for some members)',
      'no continuous-enrolment rule: anyone covered on any day of the period is in the denominator',
    ])}`,
    periodsReason: 'A preventive visit is yearly (AAP counts the measurement year): in a quarter or a month most people have none, whatever their care, so the measure is defined for years only and for the years pooled.',
  }),
];
