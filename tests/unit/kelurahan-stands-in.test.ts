// A proposal in an RT/RW without an officer account is not stuck (issue 20, item 2), on both
// engines: the kelurahan may take the RT/RW's step on its behalf, and the history says on whose
// behalf and why; where the RT/RW has an account the kelurahan waits, until the step is past its
// time. Other steps and other villages are untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveCase, openCase } from '../../src/domain/backoffice/case-work.ts';
import type { Officer } from '../../src/domain/backoffice/officer.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { submitUsulan } from '../../src/domain/tickets/submit-usulan.ts';
import { errorOf, officerNamed } from '../support/domain-calls.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-app.ts';
import { ticketOf, usulanBody } from '../support/ticket-fixtures.ts';

let env: TestDatabase;
let deps: DomainDeps;
let kel: Officer;

beforeAll(async () => {
  env = await openTestDatabase();
  deps = env.deps;
  kel = await officerNamed(env.db, 'kel.wates');
}, 120_000);
afterAll(async () => {
  await env.close();
});

async function proposal(rt: string, rw: string) {
  const receipt = await submitUsulan(deps, usulanBody({ village_code: '35.76.02.1010', rt, rw }), {
    idempotencyKey: `stand-in:${rt}:${Date.now()}`,
    locale: 'id',
    attachments: [],
    clientKey: 'resident',
  });
  const { ticket } = await ticketOf(env.db, receipt.reference);
  return ticket.id;
}

const at = (ms: number) => ({ ...deps, now: () => new Date(deps.now().getTime() + ms) });

describe('the kelurahan stands in for an RT/RW', { timeout: 120_000 }, () => {
  it('without an officer account: takes its step, and the history says so', async () => {
    const id = await proposal('2', '4');
    const file = await openCase(deps, kel, id, 'desk');
    expect(file.standsInBecause).toBe('no_account');
    expect(file.moves.map((m) => m.to).sort()).toEqual(['ditolak', 'diverifikasi_rt_rw', 'perlu_perbaikan']);
    await moveCase(
      deps,
      kel,
      { ticketId: id, to: 'diverifikasi_rt_rw', expectedVersion: file.ticket.version },
      'desk',
    );
    const last = await env.db
      .selectFrom('ticket_events')
      .select(['to_status', 'actor_role', 'data'])
      .where('ticket_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ to_status: 'diverifikasi_rt_rw', actor_role: 'kelurahan' });
    expect(JSON.parse(last.data ?? '{}')).toMatchObject({ acting_for: 'rt_rw', because: 'no_account' });
    // Its own step now: no stand-in.
    expect((await openCase(deps, kel, id, 'desk')).standsInBecause).toBeNull();
  });

  it('with an account: waits for the RT/RW until the step is past its time', async () => {
    const id = await proposal('8', '4');
    const file = await openCase(deps, kel, id, 'desk');
    expect(file.standsInBecause).toBeNull();
    expect(file.moves).toEqual([]);
    expect(
      await errorOf(
        moveCase(
          deps,
          kel,
          { ticketId: id, to: 'diverifikasi_rt_rw', expectedVersion: file.ticket.version },
          'desk',
        ),
      ),
    ).toMatchObject({ code: 'forbidden' });

    const late = at(60 * 86_400_000);
    const overdue = await openCase(late, kel, id, 'desk');
    expect(overdue.standsInBecause).toBe('overdue');
    await moveCase(
      late,
      kel,
      { ticketId: id, to: 'diverifikasi_rt_rw', expectedVersion: overdue.ticket.version },
      'desk',
    );
    const audit = await env.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'ticket_move')
      .where('target_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail ?? '{}')).toMatchObject({ acting_for: 'rt_rw', because: 'overdue' });
  });

  it('another village’s kelurahan still does not see the case', async () => {
    const id = await proposal('3', '4');
    const other = await officerNamed(env.db, 'kel.kranggan');
    expect(await errorOf(openCase(deps, other, id, 'desk'))).toMatchObject({ code: 'not_found' });
  });
});
