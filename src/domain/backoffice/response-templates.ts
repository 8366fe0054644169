// Response templates: ready answers for the moves of one kind of ticket into one state, in
// Bahasa Indonesia and English. Each belongs to a regency, kept by its Dinas Sosial, or to the
// whole deployment, kept by the admin (create, edit, disable, each audited); another regency's
// templates do not exist for an office. An officer picks one of their regency's or the shared ones
// on the ticket page and edits the text before sending. Which states a template may be written
// for is asked of the workflow: the targets of officers' moves.
import type { ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { fieldErrorsFrom, oneOf, text } from '../tickets/forms/fields.ts';
import { loadTicket } from '../tickets/ticket-repository.ts';
import {
  contextOf,
  isResident,
  MAX_TEXT_LENGTH,
  movesFor,
  type Need,
  TICKET_KINDS,
  type TicketKind,
  type TransitionRule,
  workflowOf,
} from '../tickets/workflow.ts';
import { recordAudit } from './audit.ts';
import type { Officer } from './officer.ts';
import {
  actsForWholeDeployment,
  canEditTemplate,
  canKeepTemplates,
  canWorkTickets,
  regencyKeptBy,
  regencyOfArea,
} from './permissions.ts';
import { assertInScope } from './scope.ts';

type Deps = Pick<DomainDeps, 'db' | 'now'>;

/** The offices that keep the templates; the others only use them (permissions.ts). */
export const keepsTemplates = canKeepTemplates;

export interface ResponseTemplate {
  id: number;
  /** The regency whose Dinas Sosial keeps it; null: the whole deployment's, kept by the admin. */
  areaCode: string | null;
  kind: TicketKind;
  status: string;
  title: string;
  bodyId: string;
  bodyEn: string;
  updatedAt: string;
  disabled: boolean;
}

/** The states an officer's move of `kind` can lead to: the only ones a template is written for. */
export function templateStates(kind: TicketKind): string[] {
  // A duplicate's closing tells the resident the original's reference; there is nothing to answer.
  const targets = workflowOf(kind)
    .rules.filter((r) => r.roles.some((role) => !isResident(role)) && !r.needs.includes('duplicate'))
    .map((r) => r.to);
  return workflowOf(kind).states.filter((s) => targets.includes(s));
}

/**
 * The field of a move's form a template's text goes into: the answer when the move needs one,
 * else the referral, else the note (a correction request's "what to fix", a rejection's reason).
 */
export function templateField(
  rule: Pick<TransitionRule, 'needs'>,
): Extract<Need, 'answer' | 'referral' | 'note'> {
  if (rule.needs.includes('answer')) return 'answer';
  if (rule.needs.includes('referral')) return 'referral';
  return 'note';
}

const body = (required: boolean) => text({ max: MAX_TEXT_LENGTH, required });

const templateSchema = z.object({
  kind: oneOf(TICKET_KINDS),
  status: z.string({ error: 'field.choose' }),
  title: text({ max: 100, min: 3 }),
  body_id: body(true),
  body_en: z.preprocess((v) => v ?? '', body(false)),
});

export interface TemplateInput {
  kind: TicketKind;
  status: string;
  title: string;
  bodyId: string;
  bodyEn: string;
}

/** What the keeper typed, checked; throws `validation_failed` with every problem at once. */
export function validateTemplate(raw: unknown): TemplateInput {
  const parsed = templateSchema.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
  const kind = (TICKET_KINDS as readonly unknown[]).includes((raw as { kind?: unknown })?.kind)
    ? (raw as { kind: TicketKind }).kind
    : null;
  const status = (raw as { status?: unknown })?.status;
  if (kind && !errors.status && !(typeof status === 'string' && templateStates(kind).includes(status))) {
    errors.status = 'template.status_invalid';
  }
  if (!parsed.success || Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);
  const v = parsed.data;
  return { kind: v.kind, status: v.status, title: v.title, bodyId: v.body_id, bodyEn: v.body_en };
}

type Row = {
  id: number;
  area_code: string | null;
  kind: TicketKind;
  status: string;
  title: string;
  body_id: string;
  body_en: string;
  updated_at: string;
  disabled_at: string | null;
};

const shaped = (r: Row): ResponseTemplate => ({
  id: r.id,
  areaCode: r.area_code,
  kind: r.kind,
  status: r.status,
  title: r.title,
  bodyId: r.body_id,
  bodyEn: r.body_en,
  updatedAt: r.updated_at,
  disabled: r.disabled_at !== null,
});

const COLUMNS = [
  'id',
  'area_code',
  'kind',
  'status',
  'title',
  'body_id',
  'body_en',
  'updated_at',
  'disabled_at',
] as const;

/** A regency's templates and the shared ones: what an office of that regency uses and reads. */
const ofRegency = (regency: string | null) => (eb: ExpressionBuilder<Database, 'response_templates'>) =>
  eb.or([eb('area_code', 'is', null), eb('area_code', '=', regency ?? '')]);

/** Whether this officer edits, disables and enables the template (the page shows the buttons). */
export function keepsTemplate(
  officer: Pick<Officer, 'role' | 'areaCode'>,
  template: Pick<ResponseTemplate, 'areaCode'>,
): boolean {
  return canEditTemplate(officer, template);
}

/** Every template the keeper sees, disabled ones too: their regency's and the shared ones. */
export async function listTemplates(
  deps: Pick<Deps, 'db'>,
  officer: Pick<Officer, 'role' | 'areaCode'>,
): Promise<ResponseTemplate[]> {
  let query = deps.db.selectFrom('response_templates').select([...COLUMNS]);
  if (!actsForWholeDeployment(officer)) query = query.where(ofRegency(regencyKeptBy(officer)));
  const rows = await query.orderBy('kind').orderBy('status').orderBy('title').orderBy('id').execute();
  return rows.map(shaped);
}

/**
 * The regency whose templates answer a case: the case's own, or for a complaint that names no
 * place, the office working it.
 */
export const templateRegencyOf = (ticket: { area_code: string | null }, officer: Pick<Officer, 'areaCode'>) =>
  regencyOfArea(ticket.area_code ?? officer.areaCode);

/** The enabled templates of `regency` (and shared) for a move of `kind` into `status`, for the ticket page. */
export async function templatesFor(
  deps: Pick<Deps, 'db'>,
  regency: string | null,
  kind: TicketKind,
  statuses: readonly string[],
): Promise<ResponseTemplate[]> {
  if (statuses.length === 0) return [];
  const rows = await deps.db
    .selectFrom('response_templates')
    .select([...COLUMNS])
    .where(ofRegency(regency))
    .where('kind', '=', kind)
    .where('status', 'in', [...statuses])
    .where('disabled_at', 'is', null)
    .orderBy('title')
    .orderBy('id')
    .execute();
  return rows.map(shaped);
}

/**
 * The text of the template an officer picked for a move, in the resident's language. A template
 * that does not fit the move (another kind or state, disabled, unknown) is refused by name.
 */
export async function templateTextFor(
  deps: Pick<Deps, 'db'>,
  input: { templateId: number; regency: string | null; kind: TicketKind; status: string; locale: string },
): Promise<string> {
  const row = Number.isSafeInteger(input.templateId)
    ? await deps.db
        .selectFrom('response_templates')
        .select([...COLUMNS])
        .where('id', '=', input.templateId)
        .where(ofRegency(input.regency))
        .executeTakeFirst()
    : undefined;
  if (!row || row.disabled_at !== null || row.kind !== input.kind || row.status !== input.status) {
    throw new AppError('validation_failed', { template: 'template.not_for_this_move' });
  }
  return input.locale === 'en' && row.body_en.trim() !== '' ? row.body_en : row.body_id;
}

/**
 * The officer pressed "Pakai templat" on one of a case's moves: which field of that move's form
 * the template's text goes into, and the text in the language the resident wrote in. The case
 * must be in the officer's area and the move one the workflow lets them take now; nothing is
 * written, the officer still reads, edits and sends the answer themselves.
 */
export async function templateForMove(
  deps: Pick<Deps, 'db'>,
  officer: Officer,
  input: { ticketId: number; to: string; templateId: number },
): Promise<{ field: ReturnType<typeof templateField>; text: string }> {
  if (!canWorkTickets(officer) || !Number.isSafeInteger(input.ticketId) || input.ticketId < 1) {
    throw new AppError('not_found', { ticket: 'ticket.not_found' });
  }
  const ticket = assertInScope(officer, await loadTicket(deps.db, input.ticketId));
  const rule = movesFor(ticket.kind, ticket.status, officer.role, contextOf(ticket)).find(
    (r) => r.to === input.to,
  );
  if (!rule) throw new AppError('transition_not_allowed', { to: 'ticket.changed_meanwhile' });
  const first = await deps.db
    .selectFrom('ticket_submissions')
    .select('locale')
    .where('ticket_id', '=', ticket.id)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  const text = await templateTextFor(deps, {
    templateId: input.templateId,
    regency: templateRegencyOf(ticket, officer),
    kind: ticket.kind,
    status: rule.to,
    locale: first?.locale ?? 'id',
  });
  return { field: templateField(rule), text };
}

function assertKeeper(officer: Officer): void {
  // Not "forbidden": to the other offices the keepers' page does not exist (decision 0012).
  if (!keepsTemplates(officer)) throw new AppError('not_found', { template: 'template.not_found' });
}

export async function createTemplate(
  deps: Deps,
  officer: Officer,
  raw: unknown,
  clientKey: string,
): Promise<{ id: number }> {
  assertKeeper(officer);
  const input = validateTemplate(raw);
  const at = deps.now().toISOString();
  const row = await deps.db
    .insertInto('response_templates')
    .values({
      kind: input.kind,
      status: input.status,
      title: input.title,
      body_id: input.bodyId,
      body_en: input.bodyEn,
      created_at: at,
      updated_at: at,
      updated_by: officer.id,
      disabled_at: null,
      // A Dinas Sosial writes for its regency; the admin for the whole deployment.
      area_code: actsForWholeDeployment(officer) ? null : officer.areaCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(deps, {
    actor: officer,
    action: 'template_create',
    target: { type: 'template', id: row.id },
    clientAddress: clientKey,
    detail: { kind: input.kind, status: input.status },
  });
  return { id: row.id };
}

/** A template this officer keeps; another regency's, or a shared one for a Dinas Sosial, is not found. */
async function kept(deps: Pick<Deps, 'db'>, officer: Officer, id: number) {
  const row = Number.isSafeInteger(id)
    ? await deps.db
        .selectFrom('response_templates')
        .select(['id', 'area_code'])
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row || !keepsTemplate(officer, { areaCode: row.area_code })) {
    throw new AppError('not_found', { template: 'template.not_found' });
  }
}

export async function updateTemplate(
  deps: Deps,
  officer: Officer,
  id: number,
  raw: unknown,
  clientKey: string,
): Promise<void> {
  assertKeeper(officer);
  await kept(deps, officer, id);
  const input = validateTemplate(raw);
  await deps.db
    .updateTable('response_templates')
    .set({
      kind: input.kind,
      status: input.status,
      title: input.title,
      body_id: input.bodyId,
      body_en: input.bodyEn,
      updated_at: deps.now().toISOString(),
      updated_by: officer.id,
    })
    .where('id', '=', id)
    .execute();
  await recordAudit(deps, {
    actor: officer,
    action: 'template_update',
    target: { type: 'template', id },
    clientAddress: clientKey,
    detail: { kind: input.kind, status: input.status },
  });
}

export async function setTemplateDisabled(
  deps: Deps,
  officer: Officer,
  id: number,
  disabled: boolean,
  clientKey: string,
): Promise<void> {
  assertKeeper(officer);
  await kept(deps, officer, id);
  const at = deps.now().toISOString();
  await deps.db
    .updateTable('response_templates')
    .set({ disabled_at: disabled ? at : null, updated_at: at, updated_by: officer.id })
    .where('id', '=', id)
    .execute();
  await recordAudit(deps, {
    actor: officer,
    action: disabled ? 'template_disable' : 'template_enable',
    target: { type: 'template', id },
    clientAddress: clientKey,
  });
}
