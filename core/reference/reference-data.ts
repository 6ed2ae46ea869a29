// Where the shipped reference files live (data/reference), and the condition groups that measures use.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const referencePath = (file: string): string => fileURLToPath(new URL(`../../data/reference/${file}`, import.meta.url));

export interface ConditionCode {
  group: string;
  system: string;
  code: string;
  description: string;
}

export function conditionCodes(): ConditionCode[] {
  const [, ...lines] = readFileSync(referencePath('condition-groups.csv'), 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [group, system, code, ...description] = line.split(',');
    if (!/^[a-z_]+$/.test(group)) throw new Error(`condition-groups.csv: group '${group}' must be lowercase letters and underscores`);
    return { group, system, code, description: description.join(',') };
  });
}

/** Condition groups in file order: each becomes a `has_<group>` flag in mart.person_period. */
export const conditionGroups = (): string[] => [...new Set(conditionCodes().map((c) => c.group))];
