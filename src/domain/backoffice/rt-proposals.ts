// An RT/RW head proposes households of their own RT/RW, one after another in one sitting: each is
// the resident's usulan (the same `submitUsulan`, the same rules, its own receipt), proposed by
// the head and placed in the head's RT/RW. A household of another RT/RW is refused here, on the
// server, whatever the form sent. The head's own proposal counts as verified by the head: it
// does not wait for the head to confirm what they have just written (issue 20).
import type { DomainDeps } from '../deps.ts';
import { AppError, isAppError } from '../errors.ts';
import type { Receipt, SubmitMeta } from '../tickets/submit-ticket.ts';
import { submitUsulan, validateUsulan } from '../tickets/submit-usulan.ts';
import { firstReference } from '../tickets/ticket-repository.ts';
import { USULAN, VERIFIED_BY_RT_RW } from '../tickets/workflow.ts';
import { moveCase } from './case-work.ts';
import type { Officer } from './officer.ts';
import { canProposeAsRtRw } from './permissions.ts';

const RT_RW = /^\d{1,3}$/;
/**
 * The head's name as the usulan's proposer: an account's display name may hold what a person's
 * name may not ("Ketua RT 008"), so only its letters are kept.
 */
const proposerName = (displayName: string) =>
  displayName
    .replace(/[^\p{L}\p{M} .'’-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{M}]+/u, '')
    .trim()
    .slice(0, 100) || 'Ketua RT RW';

const padded = (value: unknown) =>
  typeof value === 'string' && RT_RW.test(value.trim()) ? value.trim().padStart(3, '0') : null;

/** Proposes one household for the RT/RW head `officer`; throws like `submitUsulan`. */
export async function proposeForRtRw(
  deps: DomainDeps,
  officer: Officer,
  raw: Record<string, unknown>,
  meta: SubmitMeta,
): Promise<Receipt> {
  if (!canProposeAsRtRw(officer) || !officer.areaCode)
    throw new AppError('not_found', { page: 'ticket.not_found' });
  const input = {
    ...raw,
    proposer: 'rt_rw',
    proposer_name: proposerName(officer.displayName),
    village_code: officer.areaCode,
  };
  const outside: Record<string, string> = {};
  const rt = padded(raw.rt);
  const rw = padded(raw.rw);
  // A malformed RT/RW has the form's own message; a well-formed one of another RT/RW is refused.
  if (rt !== null && rt !== officer.rt) outside.rt = 'usulan_rt.outside_area';
  if (rw !== null && rw !== officer.rw) outside.rw = 'usulan_rt.outside_area';
  if (Object.keys(outside).length > 0) {
    // Every other mistake of the form is named at once, not after the RT/RW is put right.
    let others: Record<string, string> = {};
    try {
      validateUsulan(deps, input);
    } catch (error) {
      if (!isAppError(error)) throw error;
      others = error.fields;
    }
    throw new AppError('validation_failed', { ...others, ...outside });
  }
  const receipt = await submitUsulan(deps, input, meta);
  await verifiedByTheHead(deps, officer, receipt.reference, meta.clientKey);
  return receipt;
}

/**
 * The RT/RW step of the head's own proposal, taken by the head as an ordinary move (in the log,
 * audited, shown to the resident). A form sent twice answers with the first receipt, whose case
 * has moved already: nothing more to do.
 */
async function verifiedByTheHead(deps: DomainDeps, officer: Officer, reference: string, clientKey: string) {
  const ticket = await deps.db
    .selectFrom('ticket_submissions as s')
    .innerJoin('tickets as t', 't.id', 's.ticket_id')
    .select(['t.id', 't.status', 't.version'])
    .where('s.reference', '=', reference)
    .executeTakeFirst();
  if (ticket?.status !== USULAN.initial) return;
  try {
    await moveCase(
      deps,
      officer,
      {
        ticketId: ticket.id,
        to: VERIFIED_BY_RT_RW,
        expectedVersion: ticket.version,
        visibleToResident: true,
      },
      clientKey,
    );
  } catch (error) {
    // The same form sent twice at once: the other send moved it first.
    if (!isAppError(error) || error.code !== 'transition_not_allowed') throw error;
  }
}

export interface RtProposal {
  id: number;
  reference: string | null;
  headName: string;
  status: string;
  openedAt: string;
}

/** The usulan of the head's RT/RW, newest first, with their states. */
export async function listRtProposals(
  deps: Pick<DomainDeps, 'db'>,
  officer: Officer,
  limit = 50,
): Promise<RtProposal[]> {
  if (!canProposeAsRtRw(officer) || !officer.areaCode) return [];
  const rows = await deps.db
    .selectFrom('tickets as t')
    .select(['t.id', 't.status', 't.opened_at', 't.payload', firstReference])
    .where('t.kind', '=', 'usulan')
    .where('t.area_code', '=', officer.areaCode)
    .where('t.rt', '=', officer.rt ?? '')
    .where('t.rw', '=', officer.rw ?? '')
    .orderBy('t.opened_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    let headName = '';
    try {
      const payload = JSON.parse(r.payload) as { head_name?: unknown };
      headName = typeof payload.head_name === 'string' ? payload.head_name : '';
    } catch {
      // A payload that does not parse shows no name; the reference still leads to the case.
    }
    return { id: r.id, reference: r.reference, headName, status: r.status, openedAt: r.opened_at };
  });
}
