// Age groups for direct standardization, with no group of 1–10 people: a sparse group is merged with
// its neighbours (in the standard's order) until the merged group holds 11 or more published people,
// and the merged group takes the sum of their standard weights. Otherwise the Fay–Feuer upper limit,
// which adds the largest per-person weight, could be solved for the sparsest group's population
// (issue 13, finding 4). Groups with nobody are left out, as emptyStrata: 'drop' does. Collapsing
// sparse age groups is the NCHS practice for small areas (Anderson & Rosenberg 1998, NVSR 47(3)).
import { CMS_MINIMUM_CELL_SIZE } from '../disclosure/index.ts';
import type { AgeStratum } from '../stats/age-standardization.ts';
import { US_2000_STANDARD } from '../stats/us-2000-standard.ts';

export interface PublishedAgeGroup extends AgeStratum {
  /** The published (perturbed) number of people in the group. */
  people: number;
}

export interface CollapsedAgeGroups {
  strata: AgeStratum[];
  weights: { ageGroup: string; weight: number }[];
}

export function collapseSparseAgeGroups(
  groups: readonly PublishedAgeGroup[],
  minimum = CMS_MINIMUM_CELL_SIZE,
  standard: readonly { ageGroup: string; weight: number }[] = US_2000_STANDARD,
): CollapsedAgeGroups {
  const byGroup = new Map(groups.map((g) => [g.ageGroup, g]));
  const merged: (PublishedAgeGroup & { weight: number })[] = [];
  let open: (PublishedAgeGroup & { weight: number }) | undefined;
  for (const { ageGroup, weight } of standard) {
    const group = byGroup.get(ageGroup);
    if (!group || group.people === 0) continue;
    open = open
      ? { ageGroup: `${open.ageGroup}+${ageGroup}`, events: open.events + group.events, population: open.population + group.population, people: open.people + group.people, weight: open.weight + weight }
      : { ...group, weight };
    if (open.people >= minimum) {
      merged.push(open);
      open = undefined;
    }
  }
  if (open) {
    const last = merged.pop();
    merged.push(last
      ? { ageGroup: `${last.ageGroup}+${open.ageGroup}`, events: last.events + open.events, population: last.population + open.population, people: last.people + open.people, weight: last.weight + open.weight }
      : open);
  }
  return {
    strata: merged.map(({ ageGroup, events, population }) => ({ ageGroup, events, population })),
    weights: merged.map(({ ageGroup, weight }) => ({ ageGroup, weight })),
  };
}
