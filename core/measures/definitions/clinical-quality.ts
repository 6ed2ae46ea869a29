// Clinical quality measures in the style of HEDIS: the most recent reading of the period decides,
// and a person with no reading counts as not controlled (HEDIS HBD / CBP do the same).
import type { ProportionMeasure } from '../measure-definition.ts';
import { YEARLY_PERIODS } from '../periods.ts';

// HEDIS measures a measurement year. People with diabetes are tested once or twice a year, so in a
// quarter or a month most have no reading and count as not controlled: on the demo HbA1c control
// reads ~70% per year, ~37% per quarter, ~15% per month. Only years (or years pooled) keep the meaning.
const LAST_READING_OF_THE_YEAR = (reading: string) =>
  `HEDIS looks at the most recent ${reading} of the measurement year (a calendar year), and people are tested about once or twice a year: in a quarter or a month most have no reading and would count as not controlled, so the measure is defined for years only (and for the years pooled: controlled person-years over person-years).`;

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
    notes: 'The most recent systolic and diastolic readings of the period are used; no reading counts as not controlled.',
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
    periodsReason: 'A preventive visit is yearly (AAP counts the measurement year): in a quarter or a month most people have none, whatever their care, so the measure is defined for years only and for the years pooled.',
  }),
];
