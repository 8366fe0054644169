// The service-level state of a case, from the due dates the workflow gives (DESIGN §10): on
// track, at risk (three quarters of the step's time gone, `at_risk_at`), breached (past due).
// The clock stops while the case waits on the resident (`perlu_perbaikan`): paused. A breached
// case of a lower office is escalated: the office above sees it marked in its inbox.
import { isResident, type Role } from '../tickets/workflow.ts';

export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'paused', 'none'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface SlaFacts {
  closed_at: string | null;
  due_at: string | null;
  at_risk_at: string | null;
  responsible_role: string | null;
}

export function slaState(ticket: SlaFacts, now: Date): SlaState {
  if (ticket.closed_at !== null) return 'none';
  if (isResident(ticket.responsible_role)) return 'paused';
  if (ticket.due_at === null) return 'none';
  const t = now.getTime();
  if (t > Date.parse(ticket.due_at)) return 'breached';
  if (ticket.at_risk_at !== null && t >= Date.parse(ticket.at_risk_at)) return 'at_risk';
  return 'on_track';
}

const TIER: Partial<Record<Role, number>> = { rt_rw: 1, kelurahan: 2, dinsos: 3 };

/** The offices below `viewer` whose breached cases escalate to it. */
export function officesBelow(viewer: Role): Role[] {
  const tier = TIER[viewer] ?? 0;
  return (Object.keys(TIER) as Role[]).filter((role) => (TIER[role] ?? 0) < tier);
}

/** Breached while a lower office holds it: the viewer's office steps in. `state`: its `slaState`, when known. */
export function isEscalatedTo(
  viewer: Role,
  ticket: SlaFacts,
  now: Date,
  state = slaState(ticket, now),
): boolean {
  return (
    state === 'breached' &&
    ticket.responsible_role !== null &&
    officesBelow(viewer).includes(ticket.responsible_role as Role)
  );
}
