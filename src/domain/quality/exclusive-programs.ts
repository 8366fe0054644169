// Programs that a household may not receive together (each profile's `excludes`, issue 19): which
// of a household's memberships clash. Plain data in, plain data out; the report reads the
// memberships and the profiles.

/** A period's year and, when it has one, its quarter and month: `2020-05`, `2020-Q2`, `2020`. */
function partsOf(period: string): { year: string; quarter?: number; month?: number } {
  const year = period.slice(0, 4);
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) return { year, quarter: Number(quarter[1]) };
  const month = /^\d{4}-(\d{2})$/.exec(period);
  if (month) return { year, quarter: Math.ceil(Number(month[1]) / 3), month: Number(month[1]) };
  return { year };
}

/**
 * Whether two periods share a day: a month lies in its quarter (a PKH stage), and a year holds
 * every month and quarter of it. Two months, or two quarters, overlap only when they are one.
 */
export function periodsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const x = partsOf(a);
  const y = partsOf(b);
  if (x.year !== y.year) return false;
  if (x.quarter === undefined || y.quarter === undefined) return true;
  if (x.month !== undefined && y.month !== undefined) return x.month === y.month;
  return x.quarter === y.quarter;
}

export interface HeldMembership {
  program: string;
  period: string;
}

export interface ExclusiveClash {
  /** The membership of the program that excludes the others. */
  held: HeldMembership;
  /** The memberships of excluded programs in an overlapping period. */
  with: HeldMembership[];
}

/**
 * The clashes among one household's memberships (suspended ones already left out), in the order
 * of `excludes` (program by program, as the catalogue lists them) and then by period. Two programs
 * that exclude each other make one clash, not two.
 */
export function exclusiveClashes(
  memberships: readonly HeldMembership[],
  excludes: ReadonlyMap<string, readonly string[]>,
): ExclusiveClash[] {
  const clashes: ExclusiveClash[] = [];
  const seen = new Set<string>();
  const id = (m: HeldMembership) => `${m.program}\t${m.period}`;
  const byPeriod = (a: HeldMembership, b: HeldMembership) =>
    a.period < b.period ? -1 : a.period > b.period ? 1 : 0;
  for (const [program, excluded] of excludes) {
    const held = memberships.filter((m) => m.program === program).sort(byPeriod);
    for (const h of held) {
      const others = memberships
        .filter(
          (o) => excluded.includes(o.program) && o.program !== program && periodsOverlap(h.period, o.period),
        )
        .filter((o) => !seen.has(`${id(o)}\n${id(h)}`))
        .sort((a, b) => excluded.indexOf(a.program) - excluded.indexOf(b.program) || byPeriod(a, b));
      if (others.length === 0) continue;
      for (const o of others) seen.add(`${id(h)}\n${id(o)}`);
      clashes.push({ held: h, with: others });
    }
  }
  return clashes;
}
