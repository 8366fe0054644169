// Two officers on one case at once, on both engines (issue 22, "nothing lost"): whoever acts on
// the version their page showed after the other changed it gets a clear conflict — a move, a note
// or an assignment — and nothing of theirs is written, not even an audit row. Each change and its
// audit row commit together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCaseNote, assignCase, moveCase, openCase } from '../../src/domain/backoffice/case-work.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { submitAduan } from '../../src/domain/tickets/submit-aduan.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { aduanBody, ticketOf } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let deps: DomainDeps;
let desk: Officer;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  desk = await officerNamed(env.db, 'dinsos.mojokerto');
}, 120_000);
afterAll(async () => {
  await env.close();
});

const auditOf = (ticketId: number) =>
  env.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_type', '=', 'ticket')
    .where('target_id', '=', String(ticketId))
    .where('action', '<>', 'ticket_view')
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => r.action));

describe('two officers on one case', { timeout: 120_000 }, () => {
  it('the second, acting on what their page showed, gets a conflict and writes nothing', async () => {
    const receipt = await submitAduan(deps, aduanBody(), {
      idempotencyKey: `conflict:${Date.now()}`,
      locale: 'id',
      attachments: [],
      clientKey: 'resident',
    });
    const ticketId = (await ticketOf(env.db, receipt.reference)).ticket.id;
    // Both pages show the same version.
    const seen = (await openCase(deps, desk, ticketId, 'a')).ticket.version;
    expect((await openCase(deps, desk, ticketId, 'b')).ticket.version).toBe(seen);

    await assignCase(deps, desk, { ticketId, assigneeId: desk.id, expectedVersion: seen }, 'a');
    const events = await env.db
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .execute();

    expect(
      await errorOf(assignCase(deps, desk, { ticketId, assigneeId: null, expectedVersion: seen }, 'b')),
    ).toMatchObject({ code: 'transition_not_allowed', fields: { assignee: 'ticket.changed_meanwhile' } });
    expect(
      await errorOf(
        addCaseNote(
          deps,
          desk,
          { ticketId, note: 'Dicek ke bank.', audience: 'internal', expectedVersion: seen },
          'b',
        ),
      ),
    ).toMatchObject({ code: 'transition_not_allowed', fields: { note: 'ticket.changed_meanwhile' } });
    expect(
      await errorOf(
        moveCase(
          deps,
          desk,
          {
            ticketId,
            to: 'diteruskan',
            unit: 'bank_penyalur',
            noteAudience: 'internal',
            expectedVersion: seen,
          },
          'b',
        ),
      ),
    ).toMatchObject({ code: 'transition_not_allowed', fields: { to: 'ticket.changed_meanwhile' } });

    const ticket = await env.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ assignee_id: desk.id, version: seen + 1, status: 'diterima' });
    expect(
      await env.db.selectFrom('ticket_events').select('id').where('ticket_id', '=', ticketId).execute(),
    ).toEqual(events);
    expect(await auditOf(ticketId)).toEqual(['ticket_assign']);

    // On the version now shown, each goes through, each with its one audit row.
    await addCaseNote(
      deps,
      desk,
      { ticketId, note: 'Dicek ke bank.', audience: 'internal', expectedVersion: seen + 1 },
      'b',
    );
    await moveCase(
      deps,
      desk,
      {
        ticketId,
        to: 'diteruskan',
        unit: 'bank_penyalur',
        noteAudience: 'internal',
        expectedVersion: seen + 2,
      },
      'b',
    );
    expect(await auditOf(ticketId)).toEqual(['ticket_assign', 'ticket_note', 'ticket_move']);
  });
});
