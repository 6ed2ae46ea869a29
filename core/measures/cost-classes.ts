// The encounter classes whose cost per member per month is a measure of its own (definitions/cost.ts),
// with the warehouse column each sums. Small and pure, so the dashboard's Costs page can ask for
// their rows as soon as it opens (client/src/costs/costs-sections.ts), beside the measure catalog.
export const COST_CLASSES = [
  { measure: 'cost-pmpm-inpatient', column: 'cost_inpatient', label: 'Inpatient' },
  { measure: 'cost-pmpm-emergency', column: 'cost_emergency', label: 'Emergency' },
  { measure: 'cost-pmpm-ambulatory', column: 'cost_ambulatory', label: 'Ambulatory' },
  { measure: 'cost-pmpm-wellness', column: 'cost_wellness', label: 'Wellness' },
] as const;

/** A cost measure's title in the catalog, e.g. "Inpatient cost PMPM". */
export const costTitle = (label: string): string => `${label} cost PMPM`;
