// The audit log: who did what to which record, when and from where. Append-only in the database
// (UPDATE and DELETE are refused by triggers). The detail holds ids and codes only: a NIK, a name
// or a note's text never goes here.
import type { DomainDeps } from '../deps.ts';
import type { Officer } from './officer.ts';

export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'password_change',
  'ticket_view',
  'ticket_move',
  'ticket_note',
  'ticket_assign',
  'ticket_duplicate',
  'attachment_download',
  'user_create',
  'user_reset',
  'user_disable',
  'user_enable',
  'user_update',
  'template_create',
  'template_update',
  'template_disable',
  'template_enable',
  'program_create',
  'program_update',
  'export',
  'export_again',
  'musyawarah_view',
  'musyawarah_record',
  'import',
  'import_confirm',
  'import_discard',
  'import_rollback',
  'quality_review',
  'quality_run',
  'retention_run',
  'audit_search',
  'access_export',
  'case_search',
  'holiday_add',
  'holiday_remove',
  'register_correction',
  'notification_settings',
  'outbox_resend',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGETS = [
  'ticket',
  'user',
  'attachment',
  'template',
  'musyawarah',
  'import',
  'finding',
  'quality_run',
  'program',
  'retention',
  'holiday',
  'export',
  'outbox',
] as const;
export type AuditTarget = (typeof AUDIT_TARGETS)[number];

export interface AuditEntry {
  actor: Pick<Officer, 'id' | 'role'> | null;
  action: AuditAction;
  target?: {
    type: AuditTarget;
    id: number | string;
  };
  clientAddress: string | null;
  detail?: Record<string, string | number | boolean | null>;
  /** The people whose personal data the action showed, as `subjectsOf` keys (viewer-log.ts). */
  subjects?: readonly string[];
}

type Deps = Pick<DomainDeps, 'db' | 'now'>;

/** Rows per insert of an entry's subjects: an export names thousands. */
const SUBJECT_BATCH = 500;

/** Records the entry; answers its id, for the subjects of a download that streams. */
export async function recordAudit(deps: Deps, entry: AuditEntry): Promise<number> {
  const row = await deps.db
    .insertInto('audit_log')
    .values({
      at: deps.now().toISOString(),
      actor_id: entry.actor?.id ?? null,
      actor_role: entry.actor?.role ?? null,
      action: entry.action,
      target_type: entry.target?.type ?? null,
      target_id: entry.target === undefined ? null : String(entry.target.id),
      client_address: entry.clientAddress?.slice(0, 64) ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addAuditSubjects(deps, row.id, entry.subjects ?? []);
  return row.id;
}

/** Names more people shown by an audited action: a streamed download names each page's. */
export async function addAuditSubjects(
  deps: Pick<Deps, 'db'>,
  auditId: number,
  subjects: readonly string[],
): Promise<void> {
  const unique = [...new Set(subjects)];
  for (let i = 0; i < unique.length; i += SUBJECT_BATCH)
    await deps.db
      .insertInto('audit_subjects')
      .values(unique.slice(i, i + SUBJECT_BATCH).map((subject) => ({ audit_id: auditId, subject })))
      .execute();
}

export interface AuditFilter {
  actorId?: number;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** ISO instants, inclusive from, exclusive to. */
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(deps: Pick<Deps, 'db'>, filter: AuditFilter, page = 1) {
  let query = deps.db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.at',
      'a.actor_id',
      'a.actor_role',
      'u.username',
      'a.action',
      'a.target_type',
      'a.target_id',
      'a.client_address',
      'a.detail',
    ]);
  if (filter.actorId !== undefined) query = query.where('a.actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('a.action', '=', filter.action);
  if (filter.targetType) query = query.where('a.target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('a.target_id', '=', filter.targetId);
  if (filter.from) query = query.where('a.at', '>=', filter.from);
  if (filter.to) query = query.where('a.at', '<', filter.to);
  // Latest first. By one account: in the order of its (actor, time) index, so a month of a busy
  // account is read a page at a time instead of sorted whole (the viewer-log bench).
  const ordered =
    filter.actorId !== undefined
      ? query.orderBy('a.at', 'desc').orderBy('a.id', 'desc')
      : query.orderBy('a.id', 'desc');
  const rows = await ordered
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((Math.max(1, page) - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}
