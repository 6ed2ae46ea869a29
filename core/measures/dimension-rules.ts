// How each person-period gets its value of each dimension, in words read off the mart SQL
// (pipelines/marts/): shown in docs/measures.md so that attribution rules are written, not implied.
import type { Dimension } from './dimensions.ts';

export const DIMENSION_RULES: Record<Dimension, string> = {
  sex: 'The sex recorded for the person (`core.person`).',
  ageBand: 'Age in whole years on the first day of the period (1 January for a year), top-coded at 90, in bands 0-17, 18-34, 35-49, 50-64, 65-74, 75-84, 85+.',
  stdAgeGroup: 'The same age, in the 11 NCHS groups of the US 2000 standard population (Klein & Schoenborn 2001), listed by age.',
  race: 'The race recorded for the person.',
  ethnicity: 'The ethnicity recorded for the person.',
  payer: [
    'The category (Commercial, Medicaid, Medicare, Dual Eligible, Uninsured, Other) of the payer covering most of the period\'s covered days.',
    'Coverage spans are first clipped to the person\'s life and to the data window and made disjoint: spans are taken in order of start (then end, then category), and each starts the day after the latest end before it, so the boundary day that two consecutive spans share (Synthea\'s plan years end on the day the next begins) belongs to the span that ends on it and is counted once.',
    'Days of spans of the same category add up. When two categories cover equally many days, the one first in alphabetical order is taken (Commercial before Medicaid), so every load attributes alike.',
  ].join(' '),
  county: 'The county of the person\'s address (`Unknown` when there is none).',
  zip3: 'The first three digits of the person\'s ZIP code (HIPAA Safe Harbor: the prefixes of data/reference/restricted-zip3.csv, with 20,000 people or fewer, become 000).',
  organization: 'The organization of most of the person\'s encounters over the whole record (plurality of visits, as in CMS Shared Savings Program assignment), the same in every period; equal visits go to the name first in alphabetical order, a named organization before an unnamed one; `Unknown` without encounters.',
};
