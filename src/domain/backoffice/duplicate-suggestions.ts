// Open cases that are likely the same request as the one on screen (issue 20, "duplicates
// suggested"): a household proposed twice under two heads' NIKs, a resident who complained twice
// about the same problem because the first answer was slow. The officer links one as a duplicate
// of the other with one action (the `duplikat` move, already audited and shown to the resident);
// nothing is linked without them.
import type { DomainDeps } from '../deps.ts';
import { firstReference, type Ticket } from '../tickets/ticket-repository.ts';
import type { Officer } from './officer.ts';
import { scopeWhere, villagesUnder } from './scope.ts';

export const DUPLICATE_SUGGESTIONS_MAX = 10;

export interface DuplicateSuggestion {
  id: number;
  reference: string;
  status: string;
  opened_at: string;
  /** Opened before the case on screen: the one this case would be linked to as its duplicate. */
  earlier: boolean;
}

type Deps = Pick<DomainDeps, 'db' | 'regions'>;
type Subject = Pick<
  Ticket,
  'id' | 'kind' | 'closed_at' | 'subject_kk' | 'subject_nik' | 'target_member_id' | 'program' | 'topic'
>;

/**
 * The same kind of open case in the officer's area about the same household: a proposal for the
 * same KK and purpose, an objection to the same listed person, a complaint from the same NIK about
 * the same program and problem. A closed case, or one that names no household, has none.
 */
export async function suggestDuplicates(
  deps: Deps,
  officer: Officer,
  ticket: Subject,
): Promise<DuplicateSuggestion[]> {
  if (ticket.closed_at !== null) return [];
  let query = deps.db
    .selectFrom('tickets as t')
    .where(scopeWhere(officer, villagesUnder(deps.regions)))
    .where('t.kind', '=', ticket.kind)
    .where('t.closed_at', 'is', null)
    .where('t.id', '<>', ticket.id);
  const sameTopic = <Q extends typeof query>(q: Q) =>
    q.where((eb) => (ticket.topic === null ? eb('t.topic', 'is', null) : eb('t.topic', '=', ticket.topic)));
  if (ticket.kind === 'usulan' && ticket.subject_kk !== null) {
    // A desil dispute and a proposal for one family card are two requests (the purpose is the topic).
    query = sameTopic(query.where('t.subject_kk', '=', ticket.subject_kk));
  } else if (ticket.kind === 'sanggahan' && ticket.target_member_id !== null) {
    query = query.where('t.target_member_id', '=', ticket.target_member_id);
  } else if (ticket.kind === 'aduan' && ticket.subject_nik !== null) {
    query = query
      .where('t.subject_nik', '=', ticket.subject_nik)
      .where((eb) =>
        ticket.program === null ? eb('t.program', 'is', null) : eb('t.program', '=', ticket.program),
      )
      .where((eb) => (ticket.topic === null ? eb('t.topic', 'is', null) : eb('t.topic', '=', ticket.topic)));
  } else {
    return [];
  }
  const rows = await query
    .select((eb) => ['t.id', 't.status', 't.opened_at', firstReference(eb)])
    .orderBy('t.id')
    .limit(DUPLICATE_SUGGESTIONS_MAX)
    .execute();
  return rows.flatMap((r) =>
    r.reference === null
      ? []
      : [
          {
            id: r.id,
            reference: r.reference,
            status: r.status,
            opened_at: r.opened_at,
            earlier: r.id < ticket.id,
          },
        ],
  );
}
