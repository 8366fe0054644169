// A program membership as a resident sees it, with the next step that fits its status.
import type { ProgramCatalogue } from '../program-profiles/catalogue.ts';
import { BENEFITS, type Benefit } from '../program-profiles/profile.ts';
import type { MembershipStatus, SuspensionReason } from '../programs.ts';

export interface MembershipView {
  program: string;
  /** The program's name from its profile, in the reader's language. */
  program_name: string;
  /** What the program gives, from its profile: how the status reads and what to do next. */
  benefit: Benefit;
  period: string;
  status: MembershipStatus;
  suspension_reason: SuspensionReason | null;
  amount: number;
  channel: string;
  collection_point: string | null;
  /** The day the list this row came from was written into the register; null: no list did (seeded). */
  list_date: string | null;
}

/**
 * A benefit as a row joined to its profile holds it. No profile (a membership of a program since
 * removed) or a value no release knows reads as cash, as the catalogue reads it.
 */
export function benefitOf(value: string | null | undefined): Benefit {
  return (BENEFITS as readonly unknown[]).includes(value) ? (value as Benefit) : 'cash';
}

/** For a caller that has only a program's code (a case, an import preview): its profile's benefit. */
export function benefitIn(catalogue: Pick<ProgramCatalogue, 'get'>, program: string): Benefit {
  return catalogue.get(program)?.benefit ?? 'cash';
}

/** The message key of what the resident should do next for this membership. */
export function nextStepKey(m: Pick<MembershipView, 'benefit' | 'status' | 'suspension_reason'>): string {
  if (m.status === 'suspended') return `next.suspended.${m.suspension_reason ?? 'data_tidak_padan_dukcapil'}`;
  // Insurance is never collected: in force is the benefit, whatever the list calls the month.
  if (m.benefit === 'premium') return 'next.active.premium';
  // The card itself is not collected: being active is the benefit.
  if (m.status === 'active' && m.benefit === 'card') return 'next.active.card';
  // A service is waited for or was given: no money, no collection point, no amount to check.
  if (m.benefit === 'service') return `next.${m.status}.service`;
  return `next.${m.status}`;
}

/** Latest period first within each program, programs in a stable order. */
export function latestPerProgram(
  memberships: MembershipView[],
): { latest: MembershipView; earlier: MembershipView[] }[] {
  const byProgram = new Map<string, MembershipView[]>();
  for (const m of memberships) {
    const list = byProgram.get(m.program) ?? [];
    list.push(m);
    byProgram.set(m.program, list);
  }
  return [...byProgram.values()].map((list) => {
    const sorted = [...list].sort((a, b) => b.period.localeCompare(a.period));
    const [latest, ...earlier] = sorted as [MembershipView, ...MembershipView[]];
    return { latest, earlier };
  });
}
