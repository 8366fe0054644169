// "Who looked at me" (issue 22): every audited view or export of personal data names the people it
// showed by a keyed hash of their NIK (migration 025), so that an admin answers "who viewed NIK N"
// with one index range, and "what did account X view between T1 and T2" with the log's own
// (actor, time) index. The key is the server secret: NIKs are guessable, so an unkeyed hash in a
// copied log would give them back.
import { createHmac } from 'node:crypto';
import { readJsonText } from '../../db/engine.ts';
import type { DomainDeps } from '../deps.ts';
import type { AuditAction } from './audit.ts';

type Deps = Pick<DomainDeps, 'db' | 'secret'>;

/** The audited actions that name the people they showed: what "who viewed NIK N" can answer. */
export const VIEW_ACTIONS = [
  'ticket_view',
  'attachment_download',
  'musyawarah_view',
  'export',
  'export_again',
  'audit_search',
  'access_export',
  'case_search',
] as const satisfies readonly AuditAction[];

const NIK = /^\d{16}$/;

/** The key a NIK is logged under; the same NIK always gives the same key on one installation. */
export function subjectOf(secret: Buffer, nik: string): string {
  return createHmac('sha256', secret).update(`audit-subject:${nik}`).digest('hex').slice(0, 32);
}

/** The keys of the well-formed NIKs among `niks`, each once. */
export function subjectsOf(secret: Buffer, niks: Iterable<string | null | undefined>): string[] {
  const keys = new Set<string>();
  for (const nik of niks) if (typeof nik === 'string' && NIK.test(nik)) keys.add(subjectOf(secret, nik));
  return [...keys];
}

/** Every NIK a form's contents hold: the values of fields named like `nik`, at any depth. */
export function niksIn(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /nik/i.test(key) && NIK.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => niksIn(v, key));
  if (value && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => niksIn(v, k));
  return [];
}

export interface ViewRecord {
  id: number;
  at: string;
  username: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  client_address: string | null;
}

/** Who viewed or exported the personal data of `nik`, latest first. */
export async function whoViewed(deps: Deps, nik: string, limit = 500): Promise<ViewRecord[]> {
  if (!NIK.test(nik)) return [];
  return deps.db
    .selectFrom('audit_subjects as s')
    .innerJoin('audit_log as a', 'a.id', 's.audit_id')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.at',
      'u.username',
      'a.actor_role',
      'a.action',
      'a.target_type',
      'a.target_id',
      'a.client_address',
    ])
    .where('s.subject', '=', subjectOf(deps.secret, nik))
    .orderBy('s.audit_id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The people a view of these tickets shows: the NIK each names, every NIK in its forms, the
 * person objected to, and the members of the household its register box shows.
 */
export async function subjectsOfTickets(deps: Deps, ticketIds: readonly number[]): Promise<string[]> {
  if (ticketIds.length === 0) return [];
  const ids = [...new Set(ticketIds)];
  const [tickets, submissions] = await Promise.all([
    deps.db
      .selectFrom('tickets')
      .select(['subject_nik', 'payload', 'target_member_id', 'household_id'])
      .where('id', 'in', ids)
      .execute(),
    deps.db.selectFrom('ticket_submissions').select('payload').where('ticket_id', 'in', ids).execute(),
  ]);
  const targets = tickets.flatMap((t) => (t.target_member_id === null ? [] : [t.target_member_id]));
  const households = tickets.flatMap((t) => (t.household_id === null ? [] : [t.household_id]));
  const members =
    targets.length + households.length === 0
      ? []
      : await deps.db
          .selectFrom('household_members')
          .select('nik')
          .where((eb) =>
            eb.or([
              eb('id', 'in', targets.length > 0 ? targets : [-1]),
              eb('household_id', 'in', households.length > 0 ? households : [-1]),
            ]),
          )
          .execute();
  return subjectsOf(deps.secret, [
    ...tickets.map((t) => t.subject_nik),
    ...tickets.flatMap((t) => niksIn(readJsonText(t.payload))),
    ...submissions.flatMap((s) => niksIn(readJsonText(s.payload))),
    ...members.map((m) => m.nik),
  ]);
}
