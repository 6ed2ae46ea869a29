// User-facing messages of the API, in one place so tests assert against the same text.

export const messages = {
  invalidChoice: (parameter: string, value: string, allowed: readonly string[]) =>
    `Invalid value '${value}' for parameter '${parameter}': expected one of ${allowed.join(', ')}.`,
  unknownParameter: (parameter: string, allowed: readonly string[]) =>
    `Unknown parameter '${parameter}': allowed parameters are ${allowed.join(', ')}.`,
  unknownMeasure: (id: string, allowed: readonly string[]) =>
    `Unknown measure '${id}': expected one of ${allowed.join(', ')}.`,
  sameStratifierAndFilter: (parameter: string) =>
    `Parameter '${parameter}' is used both as the stratifier (by) and as a filter; use one or the other.`,
  noWarehouse: (path: string) =>
    `No warehouse at ${path}. Load one with 'popsight load <extract> --warehouse ${path}' or run 'popsight demo'.`,
};
