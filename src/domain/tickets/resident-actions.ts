// What a resident may do to their own ticket, proven by reference + tracking code: answer a
// request for correction (the case returns to the step that asked) and reopen a finished
// complaint once. The workflow table decides whether the move is allowed.
import type { Caller } from '../cek/check-household-by-nik.ts';
import type { DomainDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { fieldErrorsFrom, text } from './forms/fields.ts';
import {
  checkAttachments,
  type IncomingAttachment,
  recordAttachments,
  removeFiles,
  storeFiles,
} from './submit-ticket.ts';
import { loadTicket, transitionTicket } from './ticket-repository.ts';
import {
  type AuthenticatedTicket,
  authenticateTicket,
  describeTicket,
  type TrackInput,
} from './track-ticket.ts';
import { AWAITING_CORRECTION, contextOf, reopenTarget } from './workflow.ts';

/** The ticket as the move just made left it (proven once: looking again is not counted again). */
async function reloaded(deps: DomainDeps, proven: AuthenticatedTicket): Promise<AuthenticatedTicket> {
  const ticket = await loadTicket(deps.db, proven.ticket.id);
  if (!ticket) throw new AppError('not_found', { reference: 'lacak.not_found' });
  return { ...proven, ticket };
}

const correctionText = text({ max: 4000, min: 3 });

function readText(raw: unknown, field: string): string {
  const parsed = correctionText.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrorsFrom(parsed.error);
    throw new AppError('validation_failed', {
      [field]: errors.form ?? Object.values(errors)[0] ?? 'field.required',
    });
  }
  return parsed.data;
}

export async function answerCorrection(
  deps: DomainDeps,
  input: TrackInput & { correction: unknown },
  attachments: IncomingAttachment[],
  caller: Caller,
) {
  // The corrected fields, a new file, or both: a photo of the right KK can be the whole answer.
  const typed = typeof input.correction === 'string' && input.correction.trim() !== '';
  const correction = typed || attachments.length === 0 ? readText(input.correction, 'correction') : null;
  const checked = await checkAttachments(attachments);
  const proven = await authenticateTicket(deps, input, caller);
  const { ticket } = proven;
  if (ticket.status !== AWAITING_CORRECTION || !ticket.return_to) {
    throw new AppError('transition_not_allowed', { correction: 'ticket.transition_not_allowed' });
  }
  await deps.limits.countSubmission(caller.clientKey, caller.proof);
  const now = deps.now();
  const stored = await storeFiles(deps.attachments, checked, now);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const result = await transitionTicket(trx, deps, {
        ticketId: ticket.id,
        to: ticket.return_to as string,
        actor: { role: 'warga', id: null },
        note: correction,
        data: { correction, attachments: stored.length },
      });
      await recordAttachments(trx, { ticketId: ticket.id, eventId: result.eventId }, stored, now);
    });
  } catch (error) {
    await removeFiles(deps.attachments, stored);
    throw error;
  }
  return describeTicket(deps, await reloaded(deps, proven));
}

export async function reopenAduan(deps: DomainDeps, input: TrackInput & { reason: unknown }, caller: Caller) {
  const reason = readText(input.reason, 'reason');
  const proven = await authenticateTicket(deps, input, caller);
  const { ticket } = proven;
  await deps.limits.countSubmission(caller.clientKey, caller.proof);
  // Its text and files are gone (retention): a new complaint, not a reopening, carries the case on.
  if (ticket.personal_data_removed_at !== null)
    throw new AppError('transition_not_allowed', { reason: 'ticket.data_removed' });
  // Back to the step (and unit) that finished it, or the desk (decision 0025): the workflow says which.
  const to = reopenTarget(ticket.kind, ticket.status, contextOf(ticket));
  if (to === null) throw new AppError('transition_not_allowed', { to: 'ticket.transition_not_allowed' });
  await transitionTicket(deps.db, deps, {
    ticketId: ticket.id,
    to,
    actor: { role: 'warga', id: null },
    note: reason,
  });
  return describeTicket(deps, await reloaded(deps, proven));
}
