// Every data-quality check of a load, in the order of Kahn et al. 2016 (eGEMs 4(1):1244):
// conformance (value, relational, computational), completeness, plausibility (uniqueness,
// atemporal, temporal). Add a check to its category's module; ids must stay stable across
// releases, since the comparison with the previous load matches on them.
import { ATEMPORAL_PLAUSIBILITY_CHECKS } from './checks/atemporal-plausibility.ts';
import { COMPLETENESS_CHECKS } from './checks/completeness.ts';
import { COMPUTATIONAL_CONFORMANCE_CHECKS } from './checks/computational-conformance.ts';
import { RELATIONAL_CONFORMANCE_CHECKS } from './checks/relational-conformance.ts';
import { TEMPORAL_PLAUSIBILITY_CHECKS } from './checks/temporal-plausibility.ts';
import { UNIQUENESS_CHECKS } from './checks/uniqueness-plausibility.ts';
import { VALUE_CONFORMANCE_CHECKS } from './checks/value-conformance.ts';
import type { QualityCheck } from './quality-check.ts';

export const QUALITY_CHECKS: readonly QualityCheck[] = [
  ...VALUE_CONFORMANCE_CHECKS,
  ...RELATIONAL_CONFORMANCE_CHECKS,
  ...COMPUTATIONAL_CONFORMANCE_CHECKS,
  ...COMPLETENESS_CHECKS,
  ...UNIQUENESS_CHECKS,
  ...ATEMPORAL_PLAUSIBILITY_CHECKS,
  ...TEMPORAL_PLAUSIBILITY_CHECKS,
];

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const seen = new Set<string>();
for (const check of QUALITY_CHECKS) {
  if (!ID.test(check.id)) throw new Error(`quality check id '${check.id}' is not kebab-case`);
  if (seen.has(check.id)) throw new Error(`quality check id '${check.id}' is used twice`);
  seen.add(check.id);
}
