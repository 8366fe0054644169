// The step-by-step region picker: keeps each chosen level only if it belongs to the level
// above, and lists the options of the next one.
import type { RegionDirectory, RegionNode } from './region-directory.ts';

export const CHOICE_LEVELS = ['province', 'regency', 'district', 'village'] as const;
export type ChoiceLevel = (typeof CHOICE_LEVELS)[number];
export type RegionChoiceInput = Partial<Record<ChoiceLevel, string>>;

export interface RegionChoice {
  /** The valid chosen code per level, in order; stops at the first missing or foreign one. */
  chosen: Partial<Record<ChoiceLevel, RegionNode>>;
  /** Options per level, empty for a level whose parent is not chosen yet. */
  options: Record<ChoiceLevel, RegionNode[]>;
  village: RegionNode | undefined;
}

/** Resolves a choice read level by level from a form or a query (each value cut to a code's length). */
export function regionChoiceFrom(
  regions: RegionDirectory,
  read: (level: ChoiceLevel) => unknown,
): RegionChoice {
  const input: RegionChoiceInput = {};
  for (const level of CHOICE_LEVELS) {
    const value = read(level);
    if (typeof value === 'string' && value !== '') input[level] = value.slice(0, 20);
  }
  return resolveRegionChoice(regions, input);
}

export function resolveRegionChoice(regions: RegionDirectory, input: RegionChoiceInput): RegionChoice {
  const chosen: RegionChoice['chosen'] = {};
  const options: RegionChoice['options'] = {
    province: regions.provinces(),
    regency: [],
    district: [],
    village: [],
  };
  let parent: RegionNode | undefined;
  for (const [i, level] of CHOICE_LEVELS.entries()) {
    const available = i === 0 ? options.province : parent ? regions.children(parent.code) : [];
    options[level] = available;
    const code = input[level]?.trim();
    const node = code ? available.find((n) => n.code === code) : undefined;
    if (!node) break;
    chosen[level] = node;
    parent = node;
    const next = CHOICE_LEVELS[i + 1];
    if (next) options[next] = regions.children(node.code);
  }
  return { chosen, options, village: chosen.village };
}

/** The most precise region chosen so far, if any. */
export function deepestChoice(choice: RegionChoice): RegionNode | undefined {
  return [...CHOICE_LEVELS].reverse().flatMap((level) => choice.chosen[level] ?? [])[0];
}
