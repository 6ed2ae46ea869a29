// Messages of the disclosure-control module, in one place so tests assert against the same text.
// These reach operators and developers (misconfiguration, bad input), never end users' data.

export const disclosureMessages = {
  thresholdNotInteger: (threshold: unknown) =>
    `Suppression threshold must be a whole number of people ≥ 1, got ${String(threshold)}.`,
  thresholdBelowMinimum: (threshold: number, minimum: number) =>
    `Suppression threshold ${threshold} is below the CMS minimum cell size of ${minimum} ` +
    `(cells of 1–${minimum - 1} people must be suppressed). Pass allowBelowMinimum: true ` +
    `only as an explicit admin override.`,
  badPeopleCount: (field: string, value: unknown, where: string) =>
    `${field} must be a non-negative integer count of people, got ${String(value)} (${where}).`,
  badAdditiveValue: (field: string, value: unknown, where: string) =>
    `${field} must be a finite number ≥ 0 to be checked against its margin, got ${String(value)} (${where}).`,
  duplicateCell: (where: string) =>
    `Two cells share the key ${where}; each combination of keys must appear once.`,
  missingKey: (field: string, where: string) => `Cell ${where} has no value for key '${field}'.`,
  marginKeyNotAKey: (field: string, keys: readonly string[]) =>
    `Margin key '${field}' is not one of the cell keys (${keys.join(', ')}).`,
  marginSumsNothing: (marginKeys: readonly string[]) =>
    `Margin [${marginKeys.join(', ')}] uses every cell key, so it sums over nothing; ` +
    `a margin must leave out at least one key.`,
};
