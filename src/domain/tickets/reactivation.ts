// PBI-JK reactivation (issue 19, decision 0032): about 11 million state-paid health insurance
// memberships were deactivated in February 2026; a person who needs care asks for theirs back
// with a letter from a health facility. It is an SLRT request (aduan) on program PBI-JK with its
// own topic, so the desk, the inbox, the SLA board and Lacak work as for any complaint; what is
// its own is here: the letter it cannot go without, and the outcome Dinas Sosial closes it with.
import { AppError } from '../errors.ts';

export const REACTIVATION_PROGRAM = 'PBI-JK';
export const REACTIVATION_TOPIC = 'reaktivasi_pbi_jk';

/** The form field the facility's letter comes in; an API caller may send it under any name. */
export const LETTER_FIELD = 'surat';

/** How a reactivation request ends when Dinas Sosial closes it (`selesai`). */
export const REACTIVATION_OUTCOMES = ['diaktifkan', 'ditolak'] as const;
export type ReactivationOutcome = (typeof REACTIVATION_OUTCOMES)[number];

export const isReactivation = (ticket: { kind: string; topic: string | null }) =>
  ticket.kind === 'aduan' && ticket.topic === REACTIVATION_TOPIC;

export const isReactivationOutcome = (value: unknown): value is ReactivationOutcome =>
  typeof value === 'string' && (REACTIVATION_OUTCOMES as readonly string[]).includes(value);

/** A request without any file has no letter: refused at the letter's field, nothing stored. */
export function letterErrors(problem: unknown, attachmentCount: number): Record<string, string> {
  return problem === REACTIVATION_TOPIC && attachmentCount === 0
    ? { [LETTER_FIELD]: 'reactivation.letter_required' }
    : {};
}

/**
 * The outcome a `selesai` move of a reactivation must carry, as event data; other moves and
 * other cases carry none. Refused with a message at the officer's outcome field.
 */
export function outcomeData(
  ticket: { kind: string; topic: string | null },
  to: string,
  outcome: unknown,
): { reactivation: ReactivationOutcome } | undefined {
  if (!isReactivation(ticket) || to !== 'selesai') return undefined;
  if (!isReactivationOutcome(outcome)) {
    throw new AppError('validation_failed', { reactivation_outcome: 'reactivation.outcome_required' });
  }
  return { reactivation: outcome };
}

/** What Lacak and the export say of a reactivation: its outcome once closed, with the office's words. */
export interface ReactivationAnswer {
  outcome: ReactivationOutcome | 'dirujuk' | null;
  /** The answer (reactivated) or the reason (refused) or where it was referred, as written. */
  answer: string | null;
}

/** The outcome as the last move into the closed state recorded it (null while open or reopened). */
export function reactivationAnswerOf(
  status: string,
  events: readonly { from_status: string | null; to_status: string; data: Record<string, unknown> | null }[],
): ReactivationAnswer {
  // A note is an event from a state to itself: the move that closed the case comes before it.
  const closing = [...events].reverse().find((e) => e.to_status === status && e.from_status !== status);
  const data = closing?.data ?? {};
  const said = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  if (status === 'selesai' && isReactivationOutcome(data.reactivation))
    return { outcome: data.reactivation, answer: said(data.answer) };
  if (status === 'dirujuk') return { outcome: 'dirujuk', answer: said(data.referral) };
  return { outcome: null, answer: null };
}
