// A program membership as a resident sees it, with the next step that fits its status.
import type { MembershipStatus, SuspensionReason } from '../programs.ts';

export interface MembershipView {
  program: string;
  program_name: string;
  period: string;
  status: MembershipStatus;
  suspension_reason: SuspensionReason | null;
  amount: number;
  channel: string;
  collection_point: string | null;
  /** The day the list this row came from was written into the register; null: no list did (seeded). */
  list_date: string | null;
}

/** The message key of what the resident should do next for this membership. */
export function nextStepKey(m: Pick<MembershipView, 'program' | 'status' | 'suspension_reason'>): string {
  if (m.status === 'suspended') return `next.suspended.${m.suspension_reason ?? 'data_tidak_padan_dukcapil'}`;
  // Insurance is never collected: in force is the benefit, whatever the list calls the month.
  if (m.program === 'PBI-JK') return 'next.active.PBI-JK';
  // The card itself is not collected: being active is the benefit.
  if (m.status === 'active' && m.program === 'KKS') return 'next.active.KKS';
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
