// Who is signed in to the back office: an officer of one office and one area (DESIGN §2). The
// area decides which tickets exist for them at all; the role decides which moves they may take.
import type { Actor } from '../tickets/ticket-repository.ts';
import type { Role } from '../tickets/workflow.ts';

export const OFFICE_ROLES = ['rt_rw', 'kelurahan', 'dinsos', 'admin'] as const;
export type OfficeRole = (typeof OFFICE_ROLES)[number] & Role;

export interface Officer {
  id: number;
  username: string;
  displayName: string;
  role: OfficeRole;
  /** Village (rt_rw, kelurahan) or regency (dinsos) code; null for admin. */
  areaCode: string | null;
  /** `001`-style, for rt_rw only. */
  rt: string | null;
  rw: string | null;
  mustChangePassword: boolean;
  /**
   * A Dinas Sosial officer of the office that receives complaints naming no place (the SLRT
   * desk of the deployment: `placelessDesk`). No other regency's office sees them.
   */
  receivesPlaceless: boolean;
  /** The session the request came with. */
  sessionId: number;
}

export const isOfficeRole = (value: unknown): value is OfficeRole =>
  typeof value === 'string' && (OFFICE_ROLES as readonly string[]).includes(value);

/** How the officer appears in a ticket's event log. */
export const actorOf = (officer: Officer): Actor => ({ role: officer.role, id: String(officer.id) });
