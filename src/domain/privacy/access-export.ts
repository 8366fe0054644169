// A resident's right of access (UU PDP art. 32; issue 22): the Dinas Sosial gives a person
// everything the service holds about their NIK, as one document they can read and as JSON. What
// the office holds in its regency: the household their NIK is listed in (with its members as the
// family card shows them), its memberships and desil history, every ticket that names them (its
// forms, every step with its notes, the names and sizes of its files, the messages sent), and the
// log of which officer viewed or exported their data, when and from where. Answering is itself
// audited under that person (decision 0030), so the next answer lists this one.

import { readJsonText } from '../../db/engine.ts';
import { recordAudit } from '../backoffice/audit.ts';
import type { Officer } from '../backoffice/officer.ts';
import { canAnswerAccessRequest } from '../backoffice/permissions.ts';
import { inScope } from '../backoffice/scope.ts';
import { subjectsOf, type ViewRecord, whoViewed } from '../backoffice/viewer-log.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { type CasePurpose, casePurposeOf } from '../tickets/case-purpose.ts';
import type { TicketKind } from '../tickets/workflow.ts';
import { maskNumber } from './mask.ts';

type Deps = Pick<DomainDeps, 'db' | 'now' | 'secret'>;

export interface AccessHousehold {
  kk: string;
  village_code: string;
  address: string;
  rt: string;
  rw: string;
  desil: number | null;
  /** The family card as the register holds it: the person's own NIK in full, the others' cut. */
  members: {
    nik: string;
    name: string;
    relation: string;
    birth_date: string;
    sex: string;
    is_subject: boolean;
  }[];
  memberships: {
    program: string;
    period: string;
    status: string;
    suspension_reason: string | null;
    amount: number;
    channel: string;
    collection_point: string | null;
  }[];
  desil_changes: {
    from_desil: number | null;
    to_desil: number | null;
    changed_at: string;
    list: string | null;
  }[];
}

export interface AccessTicket {
  kind: string;
  /** What the case is for: a desil dispute is named a dispute, not a proposal (case-purpose.ts). */
  purpose: CasePurpose;
  status: string;
  references: string[];
  opened_at: string;
  closed_at: string | null;
  personal_data_removed_at: string | null;
  submissions: { reference: string; submitted_at: string; contact: unknown; form: unknown }[];
  steps: {
    at: string;
    from: string | null;
    to: string;
    by: string;
    note: string | null;
    visible_to_resident: boolean;
    data: unknown;
  }[];
  files: { purpose: string; name: string | null; content_type: string; size: number; created_at: string }[];
  messages: {
    channel: string;
    recipient: string;
    body: string;
    status: string;
    created_at: string;
    sent_at: string | null;
  }[];
}

export interface AccessAnswer {
  nik: string;
  /** The office and the moment of the answer. */
  prepared_at: string;
  prepared_by: string;
  regency: string;
  households: AccessHousehold[];
  tickets: AccessTicket[];
  views: ViewRecord[];
}

/** Only a Dinas Sosial answers (for its regency); to the other offices this does not exist. */
function assertAnswers(officer: Officer): string {
  if (!canAnswerAccessRequest(officer) || !officer.areaCode)
    throw new AppError('not_found', { nik: 'access.not_found' });
  return officer.areaCode;
}

export async function accessExport(
  deps: Deps,
  officer: Officer,
  rawNik: unknown,
  clientKey: string,
): Promise<AccessAnswer> {
  const regency = assertAnswers(officer);
  const nik = typeof rawNik === 'string' ? rawNik.replace(/[\s.-]/g, '') : '';
  if (nik === '') throw new AppError('validation_failed', { nik: 'nik.required' });
  if (!/^\d{16}$/.test(nik)) throw new AppError('validation_failed', { nik: 'nik.format' });
  const inRegency = (village: string) => village.startsWith(`${regency}.`);

  const listed = await deps.db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['h.id', 'h.kk', 'h.village_code', 'h.address', 'h.rt', 'h.rw', 'h.desil'])
    .where('m.nik', '=', nik)
    .execute();
  const households: AccessHousehold[] = [];
  for (const h of listed.filter((row) => inRegency(row.village_code))) {
    const [members, memberships, changes] = await Promise.all([
      deps.db
        .selectFrom('household_members')
        .select(['nik', 'name', 'relation', 'birth_date', 'sex'])
        .where('household_id', '=', h.id)
        .orderBy('id')
        .execute(),
      deps.db
        .selectFrom('program_memberships')
        .select([
          'program_code',
          'period',
          'status',
          'suspension_reason',
          'amount',
          'channel',
          'collection_point',
        ])
        .where('household_id', '=', h.id)
        .orderBy('program_code')
        .orderBy('period', 'desc')
        .execute(),
      deps.db
        .selectFrom('household_desil_changes as c')
        .leftJoin('imports as i', 'i.id', 'c.import_id')
        .select(['c.from_desil', 'c.to_desil', 'c.changed_at', 'i.file_name'])
        .where('c.household_id', '=', h.id)
        .orderBy('c.id')
        .execute(),
    ]);
    households.push({
      kk: h.kk,
      village_code: h.village_code,
      address: h.address,
      rt: h.rt,
      rw: h.rw,
      desil: h.desil,
      members: members.map((m) => ({
        nik: m.nik === nik ? m.nik : maskNumber(m.nik),
        name: m.name,
        relation: m.relation,
        birth_date: m.birth_date,
        sex: m.sex,
        is_subject: m.nik === nik,
      })),
      memberships: memberships.map(({ program_code, ...m }) => ({ program: program_code, ...m })),
      desil_changes: changes.map(({ file_name, ...c }) => ({ ...c, list: file_name })),
    });
  }

  const householdIds = listed.map((h) => h.id);
  const memberIds = (
    await deps.db.selectFrom('household_members').select('id').where('nik', '=', nik).execute()
  ).map((m) => m.id);
  const candidates = await deps.db
    .selectFrom('tickets')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('subject_nik', '=', nik),
        eb('household_id', 'in', householdIds.length > 0 ? householdIds : [-1]),
        eb('target_member_id', 'in', memberIds.length > 0 ? memberIds : [-1]),
      ]),
    )
    .orderBy('opened_at')
    .execute();
  const tickets: AccessTicket[] = [];
  for (const t of candidates.filter((c) => inScope(officer, c))) {
    const [submissions, steps, files, messages] = await Promise.all([
      deps.db
        .selectFrom('ticket_submissions')
        .select(['reference', 'submitted_at', 'contact', 'payload'])
        .where('ticket_id', '=', t.id)
        .orderBy('id')
        .execute(),
      deps.db
        .selectFrom('ticket_events')
        .select(['at', 'from_status', 'to_status', 'actor_role', 'note', 'visible_to_resident', 'data'])
        .where('ticket_id', '=', t.id)
        .orderBy('id')
        .execute(),
      deps.db
        .selectFrom('ticket_attachments')
        .select(['purpose', 'original_name', 'content_type', 'size', 'created_at'])
        .where('ticket_id', '=', t.id)
        .orderBy('id')
        .execute(),
      deps.db
        .selectFrom('outbox')
        .select(['channel', 'recipient', 'body', 'status', 'created_at', 'sent_at'])
        .where('ticket_id', '=', t.id)
        .orderBy('id')
        .execute(),
    ]);
    tickets.push({
      kind: t.kind,
      purpose: casePurposeOf(t.kind as TicketKind, t.topic),
      status: t.status,
      references: submissions.map((s) => s.reference),
      opened_at: t.opened_at,
      closed_at: t.closed_at,
      personal_data_removed_at: t.personal_data_removed_at,
      submissions: submissions.map((s) => ({
        reference: s.reference,
        submitted_at: s.submitted_at,
        contact: readJsonText(s.contact),
        form: readJsonText(s.payload),
      })),
      steps: steps.map((e) => ({
        at: e.at,
        from: e.from_status,
        to: e.to_status,
        by: e.actor_role,
        note: e.note,
        visible_to_resident: e.visible_to_resident === 1,
        data: readJsonText(e.data),
      })),
      files: files.map((f) => ({
        purpose: f.purpose,
        name: f.original_name,
        content_type: f.content_type,
        size: f.size,
        created_at: f.created_at,
      })),
      messages: messages.map((m) => ({ ...m, status: String(m.status) })),
    });
  }

  // The views before this answer; the answer itself is recorded next, under the same person.
  const views = await whoViewed(deps, nik);
  await recordAudit(deps, {
    actor: officer,
    action: 'access_export',
    clientAddress: clientKey,
    detail: { households: households.length, tickets: tickets.length },
    subjects: subjectsOf(deps.secret, [nik]),
  });
  return {
    nik,
    prepared_at: deps.now().toISOString(),
    prepared_by: officer.displayName,
    regency,
    households,
    tickets,
    views,
  };
}
