// Names compared the way a bank's matching does, minus the noise: accents, punctuation, titles
// and spacing removed, then Jaro–Winkler (@skyra/jaro-winkler) between the normalised forms.
import { jaroWinkler } from '@skyra/jaro-winkler';

const TITLES = new Set([
  'H',
  'HJ',
  'ALM',
  'ALMH',
  'DRS',
  'DRA',
  'IR',
  'DR',
  'SH',
  'SE',
  'SPD',
  'SAG',
  'SKM',
  'AMD',
  'BIN',
  'BINTI',
]);

export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z\s]/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && !TITLES.has(word))
    .join(' ');
}

/**
 * Splink's two upper Jaro–Winkler levels. With the same NIK the number already says "one
 * person", so the lower level (0.88) suffices to call two spellings one name: a one-letter slip in
 * a four-letter name (SITI / SITA, 0.883) must be caught. With only the same KK and birth date
 * (twins share both), the higher level (0.92) is asked: PUTRI / PUTRA (0.933) is flagged for a
 * look, HASAN / HUSEN (0.76) or AGUS / AGUNG (0.848) are two people.
 */
export const SAME_NIK_THRESHOLD = 0.88;
export const SAME_HOUSEHOLD_THRESHOLD = 0.92;

export function nameSimilarity(a: string, b: string): number {
  return jaroWinkler(normaliseName(a), normaliseName(b));
}

/** Groups items whose names are at least `threshold` alike, transitively (union–find). */
export function clusterNames<T>(items: readonly T[], nameOf: (item: T) => string, threshold: number): T[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const names = items.map((item) => normaliseName(nameOf(item)));
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (names[i] === names[j] || jaroWinkler(names[i] as string, names[j] as string) >= threshold) {
        parent[find(j)] = find(i);
      }
    }
  }
  const groups = new Map<number, T[]>();
  items.forEach((item, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(item);
    else groups.set(root, [item]);
  });
  // A cluster is a finding only when it holds two different spellings.
  return [...groups.values()].filter((group) => new Set(group.map((g) => normaliseName(nameOf(g)))).size > 1);
}
