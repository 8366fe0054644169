// Drives each live case through the real workflow (openTicket, transitionTicket) at the times
// the scenario gives, then records its submissions with the receipts they had then.
import type { Db } from '../../db/database.ts';
import type { DomainDeps } from '../../domain/deps.ts';
import { dueDateLabel } from '../../domain/tickets/due-dates.ts';
import { dueAtWithHolidays } from '../../domain/tickets/holidays.ts';
import { recordSubmission } from '../../domain/tickets/submit-ticket.ts';
import { openTicket, transitionTicket } from '../../domain/tickets/ticket-repository.ts';
import { RESIDENT } from './cast.ts';
import { jakarta } from './demo-clock.ts';
import type { LiveCase } from './live-cases.ts';
import type { ReferenceDrawer } from './reference-drawer.ts';
import { DEMO_TICKETS, type DemoTicketKey } from './showcase-tickets.ts';

export async function walkLiveCases(
  trx: Db,
  deps: Pick<DomainDeps, 'tickets'>,
  cases: LiveCase[],
  references: ReferenceDrawer,
  hashes: { hidden: string; showcase: Map<DemoTicketKey, string> },
  firstKey: number,
): Promise<number> {
  let clock = new Date(0);
  const walkDeps = { now: () => clock, tickets: deps.tickets };
  let key = firstKey;
  for (const live of cases) {
    clock = jakarta(live.opened);
    const opened = await openTicket(trx, walkDeps, {
      kind: live.kind,
      areaCode: live.village,
      householdId: live.target?.householdId ?? null,
      targetMemberId: live.target?.memberId ?? null,
      payload: live.payload,
      actor: RESIDENT,
    });
    if (live.subject) {
      await trx
        .updateTable('tickets')
        .set({ subject_nik: live.subject.nik, subject_kk: live.subject.kk })
        .where('id', '=', opened.ticketId)
        .execute();
    }
    for (const step of live.steps) {
      clock = jakarta(step.at);
      const { at: _at, ...request } = step;
      // The demo's officer notes are all written for the resident.
      await transitionTicket(trx, walkDeps, {
        ticketId: opened.ticketId,
        noteAudience: 'resident',
        ...request,
      });
    }

    // Submissions go in after the walk, so the demo queues no messages to made-up numbers. Each
    // receipt shows the state and due date the case had when that objection came in.
    const events = await trx
      .selectFrom('ticket_events')
      .select(['to_status', 'at'])
      .where('ticket_id', '=', opened.ticketId)
      .orderBy('id')
      .execute();
    const submissions = [
      { at: live.opened, payload: live.payload, contact: live.contact },
      ...(live.joined ?? []),
    ];
    for (const [i, s] of submissions.entries()) {
      const submittedAt = jakarta(s.at).toISOString();
      const then = events.filter((e) => e.at <= submittedAt).at(-1) ?? events[0];
      const status = then?.to_status ?? opened.status;
      const dueAt = then
        ? await dueAtWithHolidays(trx, live.kind, status, new Date(then.at), deps.tickets)
        : opened.dueAt;
      const showcase = i === 0 && live.key ? DEMO_TICKETS.find((t) => t.key === live.key) : undefined;
      const reference = showcase?.reference ?? references.next(live.kind);
      await recordSubmission(trx, {
        ticketId: opened.ticketId,
        trackingCodeHash: (showcase && hashes.showcase.get(showcase.key)) || hashes.hidden,
        locale: 'id',
        contact: s.contact,
        payload: s.payload,
        fileHashes: [],
        idempotencyKey: `demo:${key++}`,
        receipt: {
          reference,
          kind: live.kind,
          status,
          due_date: dueDateLabel(dueAt),
          submitted_at: submittedAt,
          ...(live.kind === 'sanggahan' ? { objection_count: i + 1 } : {}),
        },
      });
    }
  }
  return cases.length;
}
